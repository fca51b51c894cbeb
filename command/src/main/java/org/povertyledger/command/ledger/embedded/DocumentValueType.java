package org.povertyledger.command.ledger.embedded;

import java.nio.ByteBuffer;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The values of a collection's document map, stored as BSON behind a tag byte instead of H2's default: that one
 * Java-serializes each document (class descriptors and all) every time a page holding it is written, which cost
 * about a third of the embedded server's CPU and most of a page's bytes. A value without the tag was written by
 * the default type (an older store file) and is read by it, so existing files stay readable; compaction rewrites
 * their pages in the new form over time.
 */
final class DocumentValueType extends BasicDataType<Object> {

    static final DocumentValueType INSTANCE = new DocumentValueType();

    /** Never the first byte of {@link ObjectDataType}'s encoding, whose type tags are 0 to 127. */
    private static final byte BSON_TAG = (byte) 0xB5;

    private final ObjectDataType fallback = new ObjectDataType();
    private volatile int averageSize = 512;

    private DocumentValueType() {
    }

    @Override
    public int getMemory(Object value) {
        return value instanceof Document ? averageSize + 64 : fallback.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (!(value instanceof Document document)) {
            fallback.write(buffer, value);
            return;
        }
        ByteBuf bson = Unpooled.buffer(averageSize + 64);
        try {
            try {
                BsonEncoder.encodeDocument(document, bson);
            } catch (RuntimeException notBson) {
                // A value the wire format has no type for (none arrives from a client): keep H2's own form.
                fallback.write(buffer, value);
                return;
            }
            int length = bson.readableBytes();
            buffer.put(BSON_TAG).putVarInt(length);
            byte[] bytes = new byte[length];
            bson.readBytes(bytes);
            buffer.put(bytes);
            averageSize = (length + 15 * averageSize) / 16;
        } finally {
            bson.release();
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON_TAG) {
            return fallback.read(buffer);
        }
        buffer.get();
        int length = DataUtils.readVarInt(buffer);
        ByteBuffer slice = buffer.slice(buffer.position(), length);
        buffer.position(buffer.position() + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
