/** The claims of Staib et al. (2019) and Jin et al. (2017), one per file, each listed in {@code ClaimRegistry}. */
package org.saddlecheck.theory;
