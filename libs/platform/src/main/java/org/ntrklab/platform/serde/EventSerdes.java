package org.ntrklab.platform.serde;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.IdOption;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import io.apicurio.registry.serde.strategy.TopicIdStrategy;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.ntrklab.platform.limits.EncodedSize;
import org.ntrklab.platform.topics.TopicSpec;

/**
 * Avro serdes over the schema registry, in the Confluent wire format (magic byte 0, 4-byte schema id,
 * Avro binary) so that a LIMS or a report consumer in any language can use Confluent's own serializers
 * against the registry's Confluent-compatible API. Schemas are registered under {@code <topic>-value}
 * (TopicNameStrategy) and read back into the generated SpecificRecord classes.
 */
public final class EventSerdes {

    private final RegistrySettings settings;

    public EventSerdes(RegistrySettings settings) {
        this.settings = settings;
    }

    /**
     * The value serde of a topic: it writes the topic's envelope, refusing a record larger than
     * {@link EncodedSize#MAX_RECORD_BYTES}, and reads only the topic's envelope (see {@link EnvelopeDeserializer}).
     */
    public <V extends SpecificRecord> Serde<V> valueSerde(TopicSpec<V> topic) {
        Serde<V> registrySerde = configuredSerde();
        return Serdes.serdeFrom(new BoundedSerializer<>(registrySerde.serializer(), EncodedSize.MAX_RECORD_BYTES),
                new EnvelopeDeserializer<>(topic, SchemaDirectory.of(settings)));
    }

    /** What the registry knows of schema ids, shared by every deserializer of these settings. */
    public SchemaDirectory schemaDirectory() {
        return SchemaDirectory.of(settings);
    }

    /**
     * A value serde for every catalogue topic at once, for clients that write or read several topics with
     * one producer or consumer (the schema is chosen by each record's topic and read back by its type).
     */
    public Serde<SpecificRecord> anyTopicSerde() {
        return configuredSerde();
    }

    /** One serde type serves every topic: the subject follows the record's topic, the type its schema. */
    private <V extends SpecificRecord> Serde<V> configuredSerde() {
        AvroSerde<V> serde = new AvroSerde<>();
        serde.configure(clientConfig(), false);
        return serde;
    }

    /** The client configuration, also usable for plain Kafka producers and consumers. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put(SchemaResolverConfig.REGISTRY_URL, settings.url());
        c.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, settings.autoRegister());
        c.put(SchemaResolverConfig.ARTIFACT_RESOLVER_STRATEGY, TopicIdStrategy.class.getName());
        // Confluent framing: schema id in the payload (not in headers), 4 bytes, and it is the content id,
        // which is what the registry's Confluent-compatible API calls the schema id.
        c.put(KafkaSerdeConfig.ENABLE_HEADERS, false);
        c.put(SerdeConfig.ID_HANDLER, Default4ByteIdHandler.class.getName());
        c.put(SerdeConfig.USE_ID, IdOption.contentId.name());
        // Register each envelope as one self-contained schema. By default the serde registers every named
        // type inside a union as a separate subject and refers to it, which plain Confluent clients and
        // simple tooling in other languages do not follow.
        c.put(SchemaResolverConfig.DEREFERENCE_SCHEMA, true);
        c.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        c.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaInstanceDatumProvider.class.getName());
        c.put(AvroSerdeConfig.AVRO_ENCODING, AvroSerdeConfig.AVRO_ENCODING_BINARY);
        c.putAll(settings.clientProperties());
        return c;
    }
}
