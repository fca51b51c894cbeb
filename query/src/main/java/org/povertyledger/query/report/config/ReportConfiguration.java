package org.povertyledger.query.report.config;

import java.util.Map;

import org.povertyledger.query.report.Dhis2Mapping;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The DHIS2 mapping of the exports, from {@code povertyledger.dhis2.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportConfiguration.Dhis2Properties.class)
public class ReportConfiguration {

    /**
     * {@code povertyledger.dhis2.data-elements} (indicator code → DHIS2 UID), {@code org-units} (unit code →
     * UID), {@code data-set} (ADX data set code). Empty maps export codes.
     */
    @ConfigurationProperties(prefix = "povertyledger.dhis2")
    public record Dhis2Properties(Map<String, String> dataElements, Map<String, String> orgUnits, String dataSet) {
    }

    @Bean
    public Dhis2Mapping dhis2Mapping(Dhis2Properties properties) {
        return new Dhis2Mapping(properties.dataElements(), properties.orgUnits(), properties.dataSet());
    }
}
