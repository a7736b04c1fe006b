package io.corelink.app;

import io.corelink.pki.KeyAlgorithm;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of the commands that generate keys and certificates ({@code import}, {@code apply}). */
final class GeneratedFilesOptions {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
            description = {"Where generated keys and certificates go, 0600: <thing>.cert.pem,",
                "<thing>.private.key, <core>.ca.pem, <core>.ca.key. Default: the current directory."})
    Path out;

    @Option(names = "--key-algorithm", paramLabel = "ALG", defaultValue = "ec-p256",
            description = {"Key pairs that 'generate' makes: ec-p256, or rsa-2048 (what",
                "CreateKeysAndCertificate makes; 100 times slower to make). Default: ${DEFAULT-VALUE}."})
    String keyAlgorithm;

    /** @throws IllegalArgumentException naming the accepted values */
    KeyAlgorithm keyAlgorithm() {
        return KeyAlgorithm.fromCliName(keyAlgorithm);
    }
}
