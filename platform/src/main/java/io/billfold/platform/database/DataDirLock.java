package io.billfold.platform.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An exclusive lock on the data directory ({@code billfold.lock}), so that one process at a time uses it. */
final class DataDirLock {

    private final Path dataDir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path dataDir, FileChannel channel, FileLock lock) {
        this.dataDir = dataDir;
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dataDir) throws IOException {
        Path directory = dataDir.toAbsolutePath();
        Files.createDirectories(directory);
        FileChannel channel = FileChannel.open(directory.resolve("billfold.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Another Billfold process is using the data directory " + directory
                    + "; stop it, or set BILLFOLD_DATA_DIR to another directory");
        }
        return new DataDirLock(directory, channel, lock);
    }

    Path dataDir() {
        return dataDir;
    }

    void release() throws IOException {
        lock.release();
        channel.close();
    }
}
