package org.ntrklab.simulator.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.ntrklab.platform.topics.Topics;

/**
 * One simulation run.
 *
 * @param bootstrapServers Kafka bootstrap servers of the laboratory's cluster
 * @param registryUrl Apicurio core API URL, e.g. {@code http://localhost:8081/apis/registry/v3}
 * @param topics the topic catalogue the services use (a prefix in tests, none in production)
 * @param cases how many cases the LIMS sends
 * @param seed the same seed gives the same cases and the same bench results
 * @param firstDay the first simulated lab day (receipts start at 08:00 UTC that day)
 * @param pace how simulated lab time maps onto the wall clock
 * @param timeout how long to wait for the last case to finish before giving up
 * @param kafkaClient further Kafka client settings: the simulator's sign-in (security.protocol, sasl.*,
 *     ssl.*); its bootstrap.servers, if any, gives way to {@code bootstrapServers}
 * @param pathologist how the pathologist signs out reports, or null when nobody signs (a run that ends
 *     at the drafts)
 * @param leftForTheDesk how many cases' drafts the pathologist leaves unsigned, for a person to sign out at
 *     the sign-out desk: the first drafts to arrive; such a case ends at its draft
 */
public record SimulationSettings(String bootstrapServers, String registryUrl, Topics topics, int cases, long seed,
        Instant firstDay, Pace pace, Duration timeout, Map<String, Object> kafkaClient,
        PathologistSignIn pathologist, int leftForTheDesk) {

    /** A run with no Kafka sign-in settings (a broker without authentication) and no pathologist yet. */
    public SimulationSettings(String bootstrapServers, String registryUrl, Topics topics, int cases, long seed,
            Instant firstDay, Pace pace, Duration timeout) {
        this(bootstrapServers, registryUrl, topics, cases, seed, firstDay, pace, timeout, Map.of(), null);
    }

    /** A run in which the pathologist signs every draft. */
    public SimulationSettings(String bootstrapServers, String registryUrl, Topics topics, int cases, long seed,
            Instant firstDay, Pace pace, Duration timeout, Map<String, Object> kafkaClient,
            PathologistSignIn pathologist) {
        this(bootstrapServers, registryUrl, topics, cases, seed, firstDay, pace, timeout, kafkaClient, pathologist, 0);
    }

    /** The same run, signing in to Kafka with {@code client}. */
    public SimulationSettings withKafkaClient(Map<String, ?> client) {
        return new SimulationSettings(bootstrapServers, registryUrl, topics, cases, seed, firstDay, pace, timeout,
                Map.copyOf(client), pathologist, leftForTheDesk);
    }

    /** The same run, with the pathologist signing out through reporting's REST API. */
    public SimulationSettings withPathologist(PathologistSignIn signIn) {
        return new SimulationSettings(bootstrapServers, registryUrl, topics, cases, seed, firstDay, pace, timeout,
                kafkaClient, signIn, leftForTheDesk);
    }

    /** The same run, with the first {@code drafts} cases' drafts left unsigned for a person at the desk. */
    public SimulationSettings withLeftForTheDesk(int drafts) {
        return new SimulationSettings(bootstrapServers, registryUrl, topics, cases, seed, firstDay, pace, timeout,
                kafkaClient, pathologist, drafts);
    }

    /** The simulator's Kafka client settings: the sign-in settings and the bootstrap servers. */
    public Map<String, Object> kafkaClientConfig() {
        Map<String, Object> config = new HashMap<>(kafkaClient);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    public SimulationSettings {
        kafkaClient = kafkaClient == null ? Map.of() : Map.copyOf(kafkaClient);
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are required");
        }
        if (registryUrl == null || registryUrl.isBlank()) {
            throw new IllegalArgumentException("the schema registry URL is required");
        }
        if (cases < 1) {
            throw new IllegalArgumentException("the number of cases must be at least 1, got " + cases);
        }
        if (leftForTheDesk < 0 || leftForTheDesk > cases) {
            throw new IllegalArgumentException("the drafts left unsigned for the desk must be between 0 and the "
                    + cases + " cases of the run, got " + leftForTheDesk);
        }
    }

    /**
     * How simulated time relates to the wall clock.
     *
     * @param wallPerLabDay wall time one simulated day takes (demo), or zero: the lab answers at once and
     *     only event times advance (load)
     * @param casesPerLabDay receipts per simulated working day (demo)
     * @param casesPerSecond receipts per wall second (load); 0 when the demo pace applies
     */
    public record Pace(Duration wallPerLabDay, int casesPerLabDay, double casesPerSecond) {

        public Pace {
            if (wallPerLabDay.isNegative()) {
                throw new IllegalArgumentException("a lab day cannot take negative time: " + wallPerLabDay);
            }
            if (casesPerLabDay < 1) {
                throw new IllegalArgumentException("at least one case per lab day, got " + casesPerLabDay);
            }
            if (casesPerSecond < 0) {
                throw new IllegalArgumentException("the case rate cannot be negative: " + casesPerSecond);
            }
        }

        /** Demo pace: lab days compressed to {@code wallPerLabDay}, {@code casesPerLabDay} receipts a day. */
        public static Pace demo(Duration wallPerLabDay, int casesPerLabDay) {
            return new Pace(wallPerLabDay, casesPerLabDay, 0);
        }

        /** Load pace: receipts at a fixed wall rate, every step answered at once. */
        public static Pace load(double casesPerSecond) {
            // Many receipts per lab day, so that even a long run's event times stay in the past.
            return new Pace(Duration.ZERO, 5000, casesPerSecond);
        }

        public boolean immediate() {
            return wallPerLabDay.isZero();
        }
    }
}
