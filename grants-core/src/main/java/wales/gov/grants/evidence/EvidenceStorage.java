package wales.gov.grants.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wales.gov.grants.kernel.ContentTooLargeException;
import wales.gov.grants.kernel.Digests;
import wales.gov.grants.kernel.MalformedRequestException;

import static java.util.Objects.requireNonNull;

/**
 * Content-addressed file storage: a file's bytes live at {@code ab/cd/<sha256>} under the root, written once and
 * never changed. An upload is streamed into {@code tmp/} while its SHA-256 is computed, flushed to disk, and only
 * then moved into place by an atomic rename, so a stored path always holds complete bytes. The caller records the
 * file in the database after the move and removes the file again if that fails.
 */
public final class EvidenceStorage {
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceStorage.class);
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    private static final Pattern SHARD = Pattern.compile("^[0-9a-f]{2}$");
    private static final int SNIFF_BYTES = 64 * 1024;
    private static final int COPY_BUFFER_BYTES = 256 * 1024;
    /** Flush to disk in the background every this many bytes, so the final flush has little left to wait for. */
    private static final long FLUSH_EVERY_BYTES = 32L * 1024 * 1024;
    private static final ExecutorService FLUSHER = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "evidence-flush");
        thread.setDaemon(true);
        return thread;
    });

    private final Path root;
    private final Path temporary;
    private final long maxBytes;

    public EvidenceStorage(Path root, long maxBytes) {
        requireNonNull(root, "root is null");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.root = root.toAbsolutePath().normalize();
        this.temporary = this.root.resolve("tmp");
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(temporary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the evidence storage directory " + this.root, e);
        }
    }

    public Path root() {
        return root;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Streams {@code content} into a temporary file, hashing it on the way. The first bytes are shown to
     * {@code sniffer} before the rest is read, so an unacceptable file is refused without reading it all.
     *
     * @throws ContentTooLargeException as soon as more than the limit has arrived
     * @throws MalformedRequestException if the client's stream fails (it went away mid-upload)
     */
    public StagedFile receive(InputStream content, ContentSniffer sniffer) {
        Path file;
        try {
            file = Files.createTempFile(temporary, "upload-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file in " + temporary, e);
        }
        boolean complete = false;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            MessageDigest digest = Digests.sha256();
            byte[] buffer = new byte[COPY_BUFFER_BYTES];
            ByteBuffer view = ByteBuffer.wrap(buffer);
            long size = 0;
            long flushedUpTo = 0;
            Future<?> flushing = CompletableFuture.completedFuture(null);
            int read = readFully(content, buffer, SNIFF_BYTES);
            sniffer.sniff(buffer, Math.max(read, 0));
            while (read >= 0) {
                size += read;
                if (size > maxBytes) {
                    throw new ContentTooLargeException(maxBytes);
                }
                digest.update(buffer, 0, read);
                view.clear().limit(read);
                while (view.hasRemaining()) {
                    out.write(view);
                }
                if (size - flushedUpTo >= FLUSH_EVERY_BYTES && flushing.isDone()) {
                    flushedUpTo = size;
                    flushing = FLUSHER.submit(() -> {
                        out.force(false);
                        return null;
                    });
                }
                read = readSome(content, buffer);
            }
            await(flushing);
            out.force(true);
            complete = true;
            return new StagedFile(file, HexFormat.of().formatHex(digest.digest()), size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the temporary file " + file, e);
        } finally {
            if (!complete) {
                deleteQuietly(file);
            }
        }
    }

    private static void await(Future<?> flushing) throws IOException {
        try {
            flushing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while flushing an upload", e);
        } catch (ExecutionException e) {
            throw new IOException("cannot flush an upload to disk", e.getCause());
        }
    }

    /** What a receiver may check in the first bytes of an upload, before the rest is read. */
    @FunctionalInterface
    public interface ContentSniffer {
        void sniff(byte[] head, int length);
    }

    /**
     * Moves a staged file into its content address. The caller must hold the content's lock
     * ({@link wales.gov.grants.service.EvidenceService} takes a PostgreSQL advisory lock) until its row commits.
     *
     * @return true if this call placed the file, false if the same content was already stored (the staged copy is
     *         then discarded)
     */
    public boolean place(StagedFile staged) {
        Path target = path(staged.sha256());
        try {
            if (Files.exists(target)) {
                Files.deleteIfExists(staged.path());
                return false;
            }
            Files.createDirectories(target.getParent());
            makeReadOnly(staged.path());
            Files.move(staged.path(), target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(target.getParent());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move an upload into " + target, e);
        }
    }

    public boolean contains(String sha256) {
        return Files.isRegularFile(path(sha256));
    }

    public InputStream open(String sha256) {
        try {
            return Files.newInputStream(path(sha256));
        } catch (NoSuchFileException e) {
            throw new EvidenceUnavailableException(sha256, "the stored file " + path(sha256) + " is missing");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stored file " + sha256, e);
        }
    }

    /** Removes a stored file; only for a file that no row refers to, under the content's lock. */
    public void delete(String sha256) {
        Path target = path(sha256);
        try {
            Files.deleteIfExists(target);
            syncDirectory(target.getParent());
        } catch (NoSuchFileException gone) {
            // already removed
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the stored file " + target, e);
        }
    }

    /**
     * What is wrong with the storage directory, if anything: it must exist, and this server must be able to write
     * a file into it, read it back and delete it. Empty when healthy.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            problems.add(root + " is not a directory (is the shared file system mounted?)");
            return problems;
        }
        Path probe = temporary.resolve("health-" + Long.toHexString(System.nanoTime()) + "-"
                + Thread.currentThread().getId());
        byte[] expected = ("evidence storage probe " + probe.getFileName()).getBytes(StandardCharsets.US_ASCII);
        try {
            Files.write(probe, expected, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            if (!java.util.Arrays.equals(Files.readAllBytes(probe), expected)) {
                problems.add("a file written to " + temporary + " reads back differently");
            }
        } catch (IOException e) {
            problems.add("cannot write and read a file in " + temporary + ": " + e);
        } finally {
            deleteQuietly(probe);
        }
        return problems;
    }

    /** Deletes every temporary file: at start-up they can only be left from uploads cut off by a crash. */
    public int deleteTemporaryFiles() {
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(temporary)) {
            for (Path file : files) {
                if (deleteQuietly(file)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + temporary, e);
        }
        return deleted;
    }

    public int temporaryFileCount() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(temporary)) {
            int count = 0;
            for (Path ignored : files) {
                count++;
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + temporary, e);
        }
    }

    /** The SHA-256 of every stored file. */
    public List<String> storedHashes() {
        List<String> hashes = new ArrayList<>();
        try (DirectoryStream<Path> first = Files.newDirectoryStream(root, entry -> SHARD.matcher(name(entry)).matches())) {
            for (Path level1 : first) {
                try (DirectoryStream<Path> second = Files.newDirectoryStream(level1,
                        entry -> SHARD.matcher(name(entry)).matches())) {
                    for (Path level2 : second) {
                        try (DirectoryStream<Path> files = Files.newDirectoryStream(level2,
                                entry -> SHA256.matcher(name(entry)).matches())) {
                            files.forEach(file -> hashes.add(name(file)));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return hashes;
    }

    Path path(String sha256) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    private static String name(Path path) {
        return path.getFileName().toString();
    }

    private static int readSome(InputStream content, byte[] buffer) {
        try {
            return content.read(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new MalformedRequestException("the upload ended before the file was complete");
        }
    }

    /** Reads until {@code wanted} bytes or the end; -1 only if there was nothing at all. */
    private static int readFully(InputStream content, byte[] buffer, int wanted) {
        int total = 0;
        while (total < wanted) {
            int read;
            try {
                read = content.read(buffer, total, wanted - total);
            } catch (IOException e) {
                throw new MalformedRequestException("the upload ended before the file was complete");
            }
            if (read < 0) {
                return total == 0 ? -1 : total;
            }
            total += read;
        }
        return total;
    }

    private static void makeReadOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the file is still never written again
        }
    }

    private static void syncDirectory(Path directory) {
        // the rename is durable only once the directory entry is on disk
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot sync directory {}", directory, e);
        }
    }

    static boolean deleteQuietly(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}", file, e);
            return false;
        }
    }

    /** An upload in {@code tmp/}, complete and flushed, not yet in its content address. */
    public record StagedFile(Path path, String sha256, long size) {
        public StagedFile {
            requireNonNull(path, "path is null");
            requireNonNull(sha256, "sha256 is null");
        }

        /** Deletes the temporary file if it is still there (it is not once placed). */
        public void discard() {
            deleteQuietly(path);
        }
    }
}
