package org.saddlecheck.theory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimRegistry;

/** Every implemented claim links (claims.json "proofNote") to an existing, non-empty proofs-notes/&lt;ID&gt;.md. */
class ProofNotesTest {
    @Test
    void everyImplementedClaimHasItsProofNote() throws IOException {
        List<Claim> claims = ClaimRegistry.implemented();
        assertThat(claims).isNotEmpty();
        List<String> problems = new java.util.ArrayList<>();
        for (Claim c : claims) {
            String id = c.info().id();
            Path note = Path.of(c.info().proofNote());
            if (!note.equals(Path.of("proofs-notes", id + ".md"))) problems.add(id + ": proofNote is " + note);
            else if (!Files.isRegularFile(note)) problems.add(id + ": " + note + " is missing");
            else if (!Files.readString(note).startsWith("# " + id)) problems.add(id + ": " + note + " does not start with '# " + id + "'");
        }
        assertThat(problems).as("proof notes of ClaimRegistry.implemented()").isEmpty();
    }
}
