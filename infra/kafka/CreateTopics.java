import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the platform topics listed in topics.txt (and their .dlq topics) that do not exist yet. Run by the platform
 * script as a single-file source program on the broker's class path: {@code java -cp 'libs/*' CreateTopics.java
 * <bootstrap> <topics.txt>}.
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        List<NewTopic> wanted = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            wanted.add(new NewTopic(parts[0], Integer.parseInt(parts[1]), (short) 1));
            wanted.add(new NewTopic(parts[0] + ".dlq", 1, (short) 1));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing =
                    wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            System.out.println("topics: " + wanted.size() + " wanted, " + missing.size() + " created");
        }
    }
}
