package portal.esnode;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.PluginBundle;
import org.elasticsearch.plugins.PluginsLoader;

/**
 * Starts one Elasticsearch node from a home prepared by tools/search_node.py:
 * config/elasticsearch.yml and log4j2.properties, modules/ (transport-netty4 and the portal's
 * analysis plugin as module bundles). Elastic's own launcher (server-cli, with its JVM
 * options, bootstrap checks and entitlements) is not on Maven Central, so this small one
 * constructs the node directly, as an embedded node would; the server jars are on the module
 * path. Usage: java ... portal.esnode.PortalNode HOME
 */
public final class PortalNode {
    private PortalNode() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        Path config = home.resolve("config");
        // Elasticsearch's logging facade first: reading settings already logs.
        LogConfigurator.configureESLogging();
        Settings settings = Settings.builder()
            .loadFromPath(config.resolve("elasticsearch.yml"))
            .put("path.home", home.toString())
            .build();
        Environment environment = new Environment(settings, config);
        LogConfigurator.setNodeName(settings.get("node.name", "node"));
        LogConfigurator.configure(environment, true);

        PluginsLoader loader = PluginsLoader.createPluginsLoader(
            bundles("loadModulesBundles", environment.modulesDir()),
            bundles("loadPluginsBundles", environment.pluginsDir()),
            Map.of()
        );
        Node node = new Node(environment, loader);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.prepareForClose();
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "portal-node-shutdown"));
        node.start();
        // The node's threads are daemons: keep the JVM alive until it is told to stop.
        stopped.await();
    }

    /** 9.x added a boolean (whether the bundles may be linked as modules) that 8.19 lacks. */
    @SuppressWarnings("unchecked")
    private static Set<PluginBundle> bundles(String name, Path dir) throws Exception {
        for (Method method : PluginsLoader.class.getMethods()) {
            if (!method.getName().equals(name)) continue;
            if (method.getParameterCount() == 1) return (Set<PluginBundle>) method.invoke(null, dir);
            if (method.getParameterCount() == 2) return (Set<PluginBundle>) method.invoke(null, dir, false);
        }
        throw new IllegalStateException("PluginsLoader." + name + " not found");
    }
}
