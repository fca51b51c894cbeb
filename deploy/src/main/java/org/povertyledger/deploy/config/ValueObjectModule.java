package org.povertyledger.deploy.config;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.module.SimpleSerializers;

/**
 * Writes the contract's single-value records ({@code HouseholdId(String value)}, {@code Vnd(long value)},
 * ...) as their bare value and reads them back through their validating constructor, so stored events
 * read {@code "householdId":"HH-1"} rather than {@code {"value":"HH-1"}}.
 */
final class ValueObjectModule extends SimpleModule {

    ValueObjectModule() {
        super("povertyledger-value-objects");
        setSerializers(new SimpleSerializers() {
            @Override
            public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
                RecordComponent component = singleValueComponent(type.getRawClass());
                return component == null ? super.findSerializer(config, type, beanDesc) : new ValueSerializer(component);
            }
        });
        setDeserializers(new SimpleDeserializers() {
            @Override
            public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config, BeanDescription beanDesc) {
                RecordComponent component = singleValueComponent(type.getRawClass());
                return component == null ? null : new ValueDeserializer(type.getRawClass(), component);
            }
        });
    }

    private static RecordComponent singleValueComponent(Class<?> type) {
        if (!type.isRecord() || !type.getPackageName().startsWith("org.povertyledger.shared")) {
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        return components.length == 1 && components[0].getName().equals("value") ? components[0] : null;
    }

    private static final class ValueSerializer extends JsonSerializer<Object> {
        private final RecordComponent component;

        ValueSerializer(RecordComponent component) {
            this.component = component;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            try {
                serializers.defaultSerializeValue(component.getAccessor().invoke(value), gen);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IOException("cannot read " + component, e);
            }
        }
    }

    private static final class ValueDeserializer extends JsonDeserializer<Object> {
        private final Class<?> type;
        private final RecordComponent component;

        ValueDeserializer(Class<?> type, RecordComponent component) {
            this.type = type;
            this.component = component;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object raw = ctxt.readValue(p, component.getType());
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(component.getType());
                return constructor.newInstance(raw);
            } catch (InvocationTargetException e) {
                return ctxt.handleInstantiationProblem(type, raw, e.getCause());
            } catch (ReflectiveOperationException e) {
                return ctxt.handleInstantiationProblem(type, raw, e);
            }
        }
    }
}
