package wales.gov.grants.batch.runs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import static java.util.Objects.requireNonNull;

/**
 * Files a job publishes into its output directory, so that a reader never sees half of one: each is written under a
 * hidden temporary name in the same directory ({@code .<name>.<worker>.tmp}), forced to disk and renamed over
 * the final name in one step. A worker killed mid-write leaves only a hidden temporary file, which the next write
 * of that name (or {@link #deleteLeftovers}) removes.
 */
public final class OutputFiles {
    private final Path directory;
    private final String worker;

    public OutputFiles(Path directory, String worker) {
        this.directory = requireNonNull(directory, "directory is null");
        this.worker = requireNonNull(worker, "worker is null").replaceAll("[^A-Za-z0-9.-]", "_");
    }

    /** Something that writes a file's content. */
    @FunctionalInterface
    public interface Content {
        void write(OutputStream out) throws IOException;
    }

    public Path directory() {
        return directory;
    }

    /** Moves {@code source} (a finished file elsewhere) into the directory as {@code name}. */
    public Path publish(Path source, String name) throws IOException {
        Path temporary = temporary(name);
        try {
            Files.move(source, temporary, StandardCopyOption.REPLACE_EXISTING);
            return commit(temporary, name);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes {@code name} from {@code content}. */
    public Path write(String name, Content content) throws IOException {
        Path temporary = temporary(name);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
                content.write(out);
            }
            return commit(temporary, name);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Removes the temporary files of {@code name} that killed workers left, whoever they were. */
    public void deleteLeftovers(String name) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, "." + glob(name) + ".*.tmp")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private Path temporary(String name) {
        return directory.resolve("." + name + "." + worker + ".tmp");
    }

    private Path commit(Path temporary, String name) throws IOException {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Path target = directory.resolve(name);
        // rename(2): readers see the old file or the new one, never a part
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static String glob(String name) {
        return name.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
    }
}
