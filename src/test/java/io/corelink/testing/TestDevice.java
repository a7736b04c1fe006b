package io.corelink.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;

/**
 * A device as the data-plane tests need one: a thing with an {@code ACTIVE} certificate attached (no IoT policy: a
 * test attaches the one it means), and a mutual-TLS client that presents it to the server's data plane.
 */
public record TestDevice(String thing, CreateKeysAndCertificateResponse keys, MtlsClient client) {

    /** Registers the thing and its certificate through the real {@link IotClient}. */
    public static TestDevice register(IotClient iot, TestServer server, String thing) {
        iot.createThing(r -> r.thingName(thing));
        CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(r -> r.setAsActive(true));
        iot.attachThingPrincipal(r -> r.thingName(thing).principal(keys.certificateArn()));
        try {
            return new TestDevice(thing, keys, new MtlsClient(keys.certificatePem(), keys.keyPair().privateKey(),
                    Files.readString(server.rootCaFile()), server.dataPlanePort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String certificateId() {
        return keys.certificateId();
    }

    public String certificateArn() {
        return keys.certificateArn();
    }
}
