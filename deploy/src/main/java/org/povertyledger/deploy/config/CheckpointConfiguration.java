package org.povertyledger.deploy.config;

import java.time.Clock;

import com.mongodb.client.MongoDatabase;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.command.ledger.checkpoint.CheckpointSigner;
import org.povertyledger.command.ledger.checkpoint.LedgerCheckpoints;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The checkpoint signer and the background checkpointer. The key comes from configuration or a key file; without
 * either, one is generated into the data directory on first start and reused afterwards (see
 * docs/audit-verification.md and Decision 25).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CheckpointProperties.class)
class CheckpointConfiguration {

    @Bean
    CheckpointSigner checkpointSigner(CheckpointProperties properties, LedgerProperties ledger) {
        return CheckpointSigner.load(properties.checkpointKey(), properties.checkpointKeyFile(),
                ledger.dataDir().resolve(CheckpointProperties.GENERATED_KEY_FILE));
    }

    @Bean(destroyMethod = "close")
    LedgerCheckpoints ledgerCheckpoints(MongoDatabase database, MongoLedgerStorageEngine engine,
                                        CheckpointSigner signer, CheckpointProperties properties) {
        LedgerCheckpoints checkpoints = new LedgerCheckpoints(database, engine, signer, properties.checkpointEvery(),
                properties.checkpointPoll(), Clock.systemUTC());
        if (properties.checkpointsEnabled()) {
            checkpoints.start();
        }
        return checkpoints;
    }
}
