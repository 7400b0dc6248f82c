package io.billfold.command.importing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Customer imports ({@code billfold.imports.*}; defaults and reasons in {@code application.yml}).
 *
 * @param maxBytes      the largest file; larger uploads are answered 413
 * @param uploadTimeout how long storing one uploaded file may take (one transaction)
 * @param workers       threads per node applying an import's rows
 * @param chunkSize     rows per transaction
 * @param lease         how long a node holds a running import past its last committed chunk
 * @param pollInterval  how often every node looks for imports that are waiting or whose node died
 */
@ConfigurationProperties("billfold.imports")
record ImportSettings(long maxBytes, Duration uploadTimeout, int workers, int chunkSize, Duration lease,
                      Duration pollInterval) {
}
