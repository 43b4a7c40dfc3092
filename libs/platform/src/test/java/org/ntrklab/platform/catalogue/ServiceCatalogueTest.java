package org.ntrklab.platform.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ntrklab.platform.access.KafkaAccessPolicy;

/** The service catalogue: the services the access policy names, one port each, laid out as the lab stack moves them. */
class ServiceCatalogueTest {

    @Test
    void theKafkaStreamsServicesAreTheAccessPolicysInPipelineOrder() {
        assertThat(ServiceCatalogue.kafkaStreamsServices()).extracting(ServiceCatalogue::serviceName)
                .containsExactlyElementsOf(KafkaAccessPolicy.SERVICES);
        assertThat(ServiceCatalogue.deployables()).containsExactly(ServiceCatalogue.ACCESSIONING,
                ServiceCatalogue.SAMPLE_QC, ServiceCatalogue.ASSAY_TRACKING, ServiceCatalogue.REFLEX,
                ServiceCatalogue.REPORTING, ServiceCatalogue.TAT_METRICS, ServiceCatalogue.DESK);
    }

    @Test
    void everyEntryHasANameAndAPortOfItsOwn() {
        assertThat(Arrays.stream(ServiceCatalogue.values()).map(ServiceCatalogue::serviceName)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(ServiceCatalogue.values()).map(ServiceCatalogue::port)).doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(p).isBetween(1024, 65535));
    }

    @Test
    void theServicesHaveConsecutivePortsWithTheDeskAfterAndTheIdentityProviderBefore() {
        // The lab stack's --http-port moves them all together by this layout.
        int first = ServiceCatalogue.ACCESSIONING.port();
        List<ServiceCatalogue> services = ServiceCatalogue.kafkaStreamsServices();
        for (int i = 0; i < services.size(); i++) {
            assertThat(services.get(i).port()).as(services.get(i).serviceName()).isEqualTo(first + i);
        }
        assertThat(ServiceCatalogue.DESK.port()).isEqualTo(first + services.size());
        assertThat(ServiceCatalogue.IDENTITY_PROVIDER.port()).isEqualTo(first - 1);
    }

    @Test
    void aServiceDefaultsToItsNameAndPortAndAKafkaStreamsServiceAlsoToItsApplicationId() {
        assertThat(ServiceCatalogue.REFLEX.defaultProperties()).isEqualTo(Map.of("server.port",
                ServiceCatalogue.REFLEX.port(), "spring.application.name", "reflex", "ntrk.service-name", "reflex"));
        assertThat(ServiceCatalogue.DESK.defaultProperties()).isEqualTo(Map.of("server.port",
                ServiceCatalogue.DESK.port(), "spring.application.name", "desk"));
    }

    @Test
    void entriesAreFoundByName() {
        assertThat(ServiceCatalogue.named("tat-metrics")).isEqualTo(ServiceCatalogue.TAT_METRICS);
        assertThatThrownBy(() -> ServiceCatalogue.named("billing")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("billing");
    }
}
