package io.billfold.platform.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDirLockTest {

    @Test
    void onlyOneHolderAtATimeAndAReleasedLockCanBeTakenAgain(@TempDir Path dataDir) throws IOException {
        DataDirLock first = DataDirLock.acquire(dataDir);
        assertThatThrownBy(() -> DataDirLock.acquire(dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Another Billfold process is using the data directory");

        first.release();
        DataDirLock second = DataDirLock.acquire(dataDir);
        assertThat(second.dataDir()).isEqualTo(dataDir.toAbsolutePath());
        second.release();
    }
}
