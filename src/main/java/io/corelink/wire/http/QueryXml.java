package io.corelink.wire.http;

import io.corelink.wire.error.AwsError;
import io.corelink.wire.error.ServiceFamily;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.xml.XmlFactory;

/**
 * The XML of the AWS query protocol, written with Woodstox (the StAX writer Jackson's XML module brings), so that every
 * value is escaped by the library: {@code <ActionResponse xmlns="…"><ActionResult>…</ActionResult><ResponseMetadata>
 * <RequestId>…</RequestId></ResponseMetadata></ActionResponse>}, and errors as {@code <ErrorResponse><Error><Type>…
 * </Type><Code>…</Code><Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>}.
 *
 * <p>A result is given as a JSON tree: an object is an element per field, an array repeats the element of its
 * field's name (so lists are written as {@code "Users": {"member": [ … ]}}), a scalar is text, and null is left out.
 */
public final class QueryXml {
    private static final XMLOutputFactory OUTPUT = outputFactory();

    private QueryXml() {
    }

    /** Woodstox's factory, as Jackson's XML module configures it, but writing names exactly as given. */
    private static XMLOutputFactory outputFactory() {
        XMLOutputFactory factory = XmlFactory.builder().build().getXMLOutputFactory();
        // Repairing would give each child of the namespaced root its own declaration; the children inherit it.
        factory.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, false);
        return factory;
    }

    /** A success: the result's members, or only the metadata when {@code result} is null (operations without output). */
    public static byte[] response(ServiceFamily family, String action, @Nullable JsonNode result, String requestId) {
        return write(family, action + "Response", writer -> {
            if (result != null) {
                element(writer, action + "Result", result);
            }
            writer.writeStartElement("ResponseMetadata");
            text(writer, "RequestId", requestId);
            writer.writeEndElement();
        });
    }

    /** An error of the catalogue in the query protocol's shape; {@code Type} is Sender for a 4xx, Receiver else. */
    public static byte[] error(ServiceFamily family, AwsError error, String message, String requestId) {
        return write(family, "ErrorResponse", writer -> {
            writer.writeStartElement("Error");
            text(writer, "Type", error.isServerFault() ? "Receiver" : "Sender");
            text(writer, "Code", error.queryCode());
            text(writer, "Message", message);
            writer.writeEndElement();
            text(writer, "RequestId", requestId);
        });
    }

    private interface Body {
        void write(XMLStreamWriter writer) throws XMLStreamException;
    }

    private static byte[] write(ServiceFamily family, String root, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter writer = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            writer.writeStartDocument("UTF-8", "1.0");
            writer.writeStartElement(root);
            writer.writeDefaultNamespace(family.xmlNamespace());
            body.write(writer);
            writer.writeEndElement();
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the " + root + " XML", e);
        }
        return out.toByteArray();
    }

    private static void element(XMLStreamWriter writer, String name, JsonNode value) throws XMLStreamException {
        if (value.isNull() || value.isMissingNode()) {
            return;
        }
        if (value.isArray()) {
            for (JsonNode item : value) {
                element(writer, name, item);
            }
            return;
        }
        writer.writeStartElement(name);
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                element(writer, field.getKey(), field.getValue());
            }
        } else {
            writer.writeCharacters(xmlText(value.asString()));
        }
        writer.writeEndElement();
    }

    private static void text(XMLStreamWriter writer, String name, String value) throws XMLStreamException {
        writer.writeStartElement(name);
        writer.writeCharacters(xmlText(value));
        writer.writeEndElement();
    }

    /**
     * The text with each character XML 1.0 cannot carry (control characters, lone surrogates) replaced by U+FFFD: an
     * error message may echo what a client sent, and the answer must stay well-formed whatever that was.
     */
    static String xmlText(String text) {
        StringBuilder clean = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (clean != null) {
                    clean.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!ok && clean == null) {
                clean = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (clean != null) {
                clean.append(ok ? c : '\uFFFD');
            }
        }
        return clean == null ? text : clean.toString();
    }
}
