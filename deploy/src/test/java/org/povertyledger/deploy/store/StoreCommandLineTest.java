package org.povertyledger.deploy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class StoreCommandLineTest {

    @Test
    void readsPortDataAndBindInEitherFormWithDefaults() {
        StoreCommandLine.Options defaults = StoreCommandLine.Options.parse(new String[0]);
        assertThat(defaults).isEqualTo(new StoreCommandLine.Options(27017, Path.of("data"), "127.0.0.1"));
        assertThat(StoreCommandLine.Options.parse(new String[] {"--port", "0", "--data=/tmp/x", "--bind=0.0.0.0"}))
                .isEqualTo(new StoreCommandLine.Options(0, Path.of("/tmp/x"), "0.0.0.0"));
    }

    @Test
    void refusesABadPortAnUnknownOptionAndAMissingValue() {
        assertThatThrownBy(() -> StoreCommandLine.Options.parse(new String[] {"--port=abc"}))
                .hasMessage("--port must be a number, was abc");
        assertThatThrownBy(() -> StoreCommandLine.Options.parse(new String[] {"--port=70000"}))
                .hasMessage("--port must be between 0 and 65535, was 70000");
        assertThatThrownBy(() -> StoreCommandLine.Options.parse(new String[] {"--replicas=3"}))
                .hasMessage("unknown option --replicas");
        assertThatThrownBy(() -> StoreCommandLine.Options.parse(new String[] {"--data"}))
                .hasMessage("--data needs a value");
    }
}
