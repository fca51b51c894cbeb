package org.povertyledger.command.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.regex.Pattern;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.bson.Document;
import org.povertyledger.shared.common.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Makes every write request idempotent under the client's {@code Idempotency-Key}: the same key with
 * the same request replays the first response and writes nothing; the same key with a different
 * request is a 409. Keys are scoped per user. A record left "in progress" by a crash is taken over
 * after a grace period; the ledger itself refuses a second commit carrying the same key, so a
 * takeover can never append twice.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    /** Request header carrying the client's key. */
    public static final String HEADER = "Idempotency-Key";
    /** Request attribute under which the validated key travels to the command dispatcher. */
    public static final String KEY_ATTRIBUTE = IdempotencyFilter.class.getName() + ".key";
    /** Response header set on a replayed response. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Pattern KEY_SHAPE = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final Duration TAKEOVER_AFTER = Duration.ofSeconds(30);

    private final MongoCollection<Document> records;
    private final ObjectMapper json;
    private final int maxBodyBytes;
    private final java.util.List<String> selfManagedPaths;

    public IdempotencyFilter(MongoDatabase database, ObjectMapper json, int maxBodyBytes) {
        this(database, json, maxBodyBytes, java.util.List.of());
    }

    /**
     * @param selfManagedPaths URI prefixes whose handlers keep idempotency themselves because their bodies are
     *        too large to buffer (file uploads): the key is still required and passed on, but the body is
     *        neither buffered nor replayed here
     */
    public IdempotencyFilter(MongoDatabase database, ObjectMapper json, int maxBodyBytes,
                             java.util.List<String> selfManagedPaths) {
        this.records = database.getCollection("idempotency_keys");
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
        this.selfManagedPaths = java.util.List.copyOf(selfManagedPaths);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        boolean write = method.equals("POST") || method.equals("PUT") || method.equals("PATCH") || method.equals("DELETE");
        return !write || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            filterWithKey(request, response, chain);
        } catch (RuntimeException e) {
            // Thrown here the failure would bypass the problem mapping of the controllers and end as a 500.
            if (!StoreUnavailability.causedBy(e) || response.isCommitted()) {
                throw e;
            }
            response.resetBuffer();
            response.setHeader("Retry-After", Integer.toString(StoreUnavailability.RETRY_AFTER_SECONDS));
            problem(response, HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.STORE_UNAVAILABLE, null, null,
                    StoreUnavailability.DETAIL);
        }
    }

    private void filterWithKey(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null || !KEY_SHAPE.matcher(key).matches()) {
            problem(response, HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED, HEADER,
                    key == null ? "required" : "pattern:[\\x21-\\x7E]{1,128}",
                    key == null ? "every write needs an Idempotency-Key header (a unique value per intended change)"
                            : "Idempotency-Key must be 1-128 visible ASCII characters");
            return;
        }
        String uri = request.getRequestURI();
        if (selfManagedPaths.stream().anyMatch(p -> uri.equals(p) || uri.startsWith(p + "/"))) {
            request.setAttribute(KEY_ATTRIBUTE, key);
            chain.doFilter(request, response);
            return;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String actor = authentication == null ? "anonymous" : authentication.getName();
        byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            problem(response, HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.VALIDATION_FAILED, "body",
                    "max-bytes:" + maxBodyBytes, "request body exceeds " + maxBodyBytes + " bytes");
            return;
        }
        String id = actor + "/" + key;
        String fingerprint = fingerprint(request, body);

        Document existing = records.find(Filters.eq("_id", id)).first();
        if (existing != null) {
            if (!fingerprint.equals(existing.getString("fingerprint"))) {
                problem(response, HttpStatus.CONFLICT, ErrorCode.IDEMPOTENCY_KEY_REUSED, HEADER, "same-request",
                        "this Idempotency-Key was already used for a different request");
                return;
            }
            if ("COMPLETED".equals(existing.getString("state"))) {
                replay(existing, response);
                return;
            }
            Date started = existing.getDate("startedAt");
            if (started != null && started.toInstant().plus(TAKEOVER_AFTER).isAfter(Instant.now())) {
                problem(response, HttpStatus.CONFLICT, ErrorCode.REQUEST_IN_PROGRESS, HEADER, "not-in-progress",
                        "a request with this Idempotency-Key is still being processed; retry shortly");
                return;
            }
            records.replaceOne(Filters.eq("_id", id), inProgress(id, fingerprint));
        } else {
            try {
                records.insertOne(inProgress(id, fingerprint));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    problem(response, HttpStatus.CONFLICT, ErrorCode.REQUEST_IN_PROGRESS, HEADER, "not-in-progress",
                            "a request with this Idempotency-Key is being processed; retry shortly");
                    return;
                }
                throw e;
            }
        }

        request.setAttribute(KEY_ATTRIBUTE, key);
        ContentCachingResponseWrapper wrapped = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(new ReplayableRequest(request, body), wrapped);
            int status = wrapped.getStatus();
            if (isFinal(status)) {
                try {
                    records.replaceOne(Filters.eq("_id", id), new Document("_id", id)
                            .append("fingerprint", fingerprint)
                            .append("state", "COMPLETED")
                            .append("status", status)
                            .append("contentType", wrapped.getContentType())
                            .append("location", wrapped.getHeader("Location"))
                            .append("body", new String(wrapped.getContentAsByteArray(), StandardCharsets.UTF_8))
                            .append("completedAt", new Date()));
                } catch (RuntimeException e) {
                    if (!StoreUnavailability.causedBy(e)) {
                        throw e;
                    }
                    // The answer is decided (a write it reports is in the ledger under the request's key) but the
                    // store went away before the answer could be kept. It still goes out: thrown from here, the
                    // failure came after the answer was committed and the connection was closed without one. The
                    // record stays IN_PROGRESS; a retry takes it over after TAKEOVER_AFTER, and the ledger refuses
                    // a second commit under the same key.
                }
                stored = true;
            }
        } finally {
            try {
                if (!stored) {
                    records.deleteOne(Filters.eq("_id", id));
                }
            } catch (RuntimeException e) {
                // The store went away after the answer was decided: the answer (often its own 503) still goes out,
                // and the record left IN_PROGRESS is taken over by a retry after TAKEOVER_AFTER.
                if (!StoreUnavailability.causedBy(e)) {
                    throw e;
                }
            }
            wrapped.copyBodyToResponse();
        }
    }

    /**
     * A response worth replaying: success, or a refusal that the same request would always get again.
     * Transient conflicts (409) and server errors are not kept, so a retry can still succeed.
     */
    private static boolean isFinal(int status) {
        return (status >= 200 && status < 300) || (status >= 400 && status < 500 && status != 409 && status != 429);
    }

    private static Document inProgress(String id, String fingerprint) {
        return new Document("_id", id).append("fingerprint", fingerprint).append("state", "IN_PROGRESS")
                .append("startedAt", new Date());
    }

    private static void replay(Document record, HttpServletResponse response) throws IOException {
        response.setStatus(record.getInteger("status"));
        if (record.getString("contentType") != null) {
            response.setContentType(record.getString("contentType"));
        }
        if (record.getString("location") != null) {
            response.setHeader("Location", record.getString("location"));
        }
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] bytes = record.getString("body").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private void problem(HttpServletResponse response, HttpStatus status, ErrorCode code, String field, String rule,
                         String detail) throws IOException {
        ProblemResponses.write(json, response, status, code, field, rule, detail);
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(request.getMethod().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(request.getRequestURI().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body already read, so the controller can read it again. */
    private static final class ReplayableRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        ReplayableRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
