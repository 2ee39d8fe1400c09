package io.iotsphere.simulator.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.iotsphere.simulator.Fleet;
import io.iotsphere.simulator.config.SimulatorConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Fleets as JSON files: {@code <data-dir>/fleets/<tenant>/<fleet id>/fleet.json}, written whole to a temporary file
 * then moved into place (a crash leaves the old or the new file, never half of one), readable by the owner only (it
 * holds device secrets). Label exports sit next to it. Callers serialise writes of one fleet (see FleetService).
 */
@ApplicationScoped
public class FleetStore {

    private static final String FILE = "fleet.json";

    @Inject
    SimulatorConfig config;

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Path root;

    @PostConstruct
    void init() {
        root = Path.of(config.dataDir()).toAbsolutePath().resolve("fleets");
    }

    public Path dir(String tenant, String fleetId) {
        return root.resolve(tenant).resolve(fleetId);
    }

    public void save(Fleet fleet) {
        Path dir = dir(fleet.tenant(), fleet.id());
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, FILE, ".tmp");
            restrict(tmp);
            mapper.writeValue(tmp.toFile(), fleet);
            try {
                Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save fleet " + fleet.id() + " under " + dir, e);
        }
    }

    public Optional<Fleet> find(String tenant, String fleetId) {
        Path file = dir(tenant, fleetId).resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(read(file));
    }

    public List<Fleet> all() {
        List<Fleet> fleets = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return fleets;
        }
        try (Stream<Path> files =
                Files.find(root, 3, (p, a) -> p.getFileName().toString().equals(FILE))) {
            files.forEach(f -> fleets.add(read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list fleets under " + root, e);
        }
        fleets.sort(Comparator.comparing(Fleet::createdAt));
        return fleets;
    }

    public void delete(String tenant, String fleetId) {
        Path dir = dir(tenant, fleetId);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete fleet " + fleetId + " under " + dir, e);
        }
    }

    /** Writes an export file of a fleet (labels) and answers where it is. */
    public Path writeExport(String tenant, String fleetId, String name, byte[] content) {
        Path dir = dir(tenant, fleetId);
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + " of fleet " + fleetId, e);
        }
    }

    private Fleet read(Path file) {
        try {
            return mapper.readValue(file.toFile(), Fleet.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fleet file " + file, e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's protection applies.
        }
    }
}
