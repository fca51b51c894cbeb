package org.povertyledger.deploy.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Store settings. With no {@code uri} the application starts the embedded MongoDB wire-protocol
 * server on {@code dataDir}; with a URI it uses that server and starts nothing.
 *
 * @param mongodb where the store is
 * @param dataDir directory of the embedded store's file
 * @param embedded bind address and port of the embedded server (a second node connects there)
 */
@ConfigurationProperties(prefix = "povertyledger")
public record LedgerProperties(Mongodb mongodb, Path dataDir, Embedded embedded) {

    public LedgerProperties {
        mongodb = mongodb == null ? new Mongodb(null, null) : mongodb;
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        embedded = embedded == null ? new Embedded(null, null) : embedded;
    }

    /** @param uri a MongoDB connection string; blank means "start the embedded server" */
    public record Mongodb(String uri, String database) {
        public Mongodb {
            database = database == null || database.isBlank() ? "povertyledger" : database;
        }

        public boolean hasUri() {
            return uri != null && !uri.isBlank();
        }
    }

    /** @param port 0 picks a free port */
    public record Embedded(String bindAddress, Integer port) {
        public Embedded {
            bindAddress = bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress;
            port = port == null ? 0 : port;
        }
    }
}
