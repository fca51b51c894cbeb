package org.povertyledger.query.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The response of a report computed at a log position: the bytes, with headers naming the position
 * ({@value #POSITION_HEADER}), when the event there was recorded ({@value #RECORDED_AT_HEADER}), the SHA-256 of
 * the whole body as an RFC 9530 {@code Repr-Digest} ({@code sha-256=:<base64>:}), and a strong {@code ETag}
 * derived from the same digest. A request whose {@code If-None-Match} names that ETag gets a 304.
 */
public final class ReproducibleBody {

    public static final String POSITION_HEADER = "Report-Position";
    public static final String RECORDED_AT_HEADER = "Report-Recorded-At";
    public static final String DIGEST_HEADER = "Repr-Digest";

    private ReproducibleBody() {
    }

    public static byte[] sha256(byte[] bytes) {
        return digest().digest(bytes);
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The RFC 9530 digest field value of {@code body}. */
    public static String reprDigest(byte[] body) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(sha256(body)) + ":";
    }

    /** A strong entity tag for {@code body}: its SHA-256, base64url. */
    public static String etag(byte[] body) {
        return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(body)) + "\"";
    }

    /**
     * @param filename the attachment's name, or {@code null} to serve the body inline
     * @param ifNoneMatch the request's {@code If-None-Match}, or {@code null}
     */
    public static ResponseEntity<byte[]> response(byte[] body, MediaType type, long position, Instant recordedAt,
                                                  String filename, String ifNoneMatch) {
        String etag = etag(body);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        headers.set(POSITION_HEADER, Long.toString(position));
        if (recordedAt != null) {
            headers.set(RECORDED_AT_HEADER, recordedAt.toString());
        }
        headers.set(DIGEST_HEADER, reprDigest(body));
        headers.setETag(etag);
        // the same position always gives the same bytes: a cache may keep them, revalidating by ETag
        headers.setCacheControl("private, no-cache");
        if (filename != null) {
            headers.setContentDisposition(ContentDisposition.attachment().filename(filename).build());
        }
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
        }
        return ResponseEntity.ok().headers(headers).body(body);
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
