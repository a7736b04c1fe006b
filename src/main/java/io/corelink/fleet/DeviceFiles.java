package io.corelink.fleet;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Optional;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The files the fleet commands write under {@code --out} (operations.md §5): {@code <thing>.cert.pem} and
 * {@code <thing>.private.key} of a device, {@code <core>.ca.pem} and {@code <core>.ca.key} of a core device's CA, and
 * {@code <thing>.cert.pending} while a certificate is being requested. Every file is written whole or not at all (a
 * temporary file renamed over it) and readable by its owner alone (0600, in a directory made 0700), because a kill
 * at any moment must leave a rerun something it can trust.
 *
 * <p>Names are thing names, checked before they get here ({@code [a-zA-Z0-9:_-]}: no path can be made of one).
 */
public final class DeviceFiles {
    private final Path out;

    /** @throws FleetException when {@code out} cannot be made a directory */
    public DeviceFiles(Path out) {
        this.out = out;
        try {
            if (!Files.isDirectory(out)) {
                Files.createDirectories(out, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new FleetException("cannot make the directory " + out + " (--out): "
                    + e.getClass().getSimpleName());
        }
    }

    public Path directory() {
        return out;
    }

    public Path certificate(String thing) {
        return out.resolve(thing + ".cert.pem");
    }

    public Path privateKey(String thing) {
        return out.resolve(thing + ".private.key");
    }

    /** Marks a certificate requested and not yet written; holds the server time before which it cannot have been made. */
    public Path pending(String thing) {
        return out.resolve(thing + ".cert.pending");
    }

    public Path caCertificate(String core) {
        return out.resolve(core + ".ca.pem");
    }

    public Path caKey(String core) {
        return out.resolve(core + ".ca.key");
    }

    /** Writes {@code text} to {@code file} whole, 0600. @throws FleetException when it cannot */
    public void write(Path file, String text) {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temporary,
                    java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileAlreadyExistsException e) {
            throw new FleetException("cannot write " + file + ": another import writes there");
        } catch (IOException e) {
            throw new FleetException("cannot write " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** The file's text, when it exists. @throws FleetException when it exists and cannot be read */
    public Optional<String> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FleetException("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    public void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new FleetException("cannot delete " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /**
     * The key pair of a PEM private key this class wrote (PKCS#1 or SEC 1 carry the public key too).
     *
     * @throws IllegalArgumentException when the file holds no such key (that device fails, not the whole run)
     */
    public KeyPair readKeyPair(Path file) {
        String pem = read(file).orElseThrow(() -> new FleetException(file + " is gone"));
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            if (parser.readObject() instanceof PEMKeyPair pair) {
                return new JcaPEMKeyConverter().getKeyPair(pair);
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalArgumentException(file + " holds no RSA or EC key pair; delete it (and the thing's "
                + "certificate files) to have a new one made");
    }
}
