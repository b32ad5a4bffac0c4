package portal.esnode;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.th.ThaiTokenizer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.AnalyzerScope;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * The analysis the portal's index needs (search/backends/engine/mapping.py), under the names
 * and settings of Elastic's analysis-common module, which Maven Central does not serve. Each is
 * a thin wrapper of the Lucene class that analysis-common (and OpenSearch) wraps too, so both
 * engines cut and filter text alike. Only the settings the portal uses are read.
 */
public final class PortalAnalysisPlugin extends Plugin implements AnalysisPlugin {

    /**
     * analysis-common's built-in `english` analyzer, which the translations' field names: Lucene's
     * EnglishAnalyzer with its defaults (English stop words, possessives dropped, Porter stemming).
     */
    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("english", (indexSettings, env, name, settings) -> {
            EnglishAnalyzer analyzer = new EnglishAnalyzer();
            return new AnalyzerProvider<EnglishAnalyzer>() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public AnalyzerScope scope() {
                    return AnalyzerScope.INDEX;
                }

                @Override
                public EnglishAnalyzer get() {
                    return analyzer;
                }
            };
        });
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(
            "whitespace", (indexSettings, env, name, settings) -> TokenizerFactory.newFactory(name, WhitespaceTokenizer::new),
            "keyword", (indexSettings, env, name, settings) -> TokenizerFactory.newFactory(name, KeywordTokenizer::new),
            // java.text.BreakIterator's Thai rules: ICU4J's, activated by -Djava.locale.providers=SPI,CLDR.
            "thai", (indexSettings, env, name, settings) -> TokenizerFactory.newFactory(name, ThaiTokenizer::new)
        );
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "decimal_digit", (indexSettings, env, name, settings) -> filter(name, DecimalDigitFilter::new),
            "length", (indexSettings, env, name, settings) -> {
                int min = settings.getAsInt("min", 0);
                int max = settings.getAsInt("max", Integer.MAX_VALUE);
                return filter(name, input -> new LengthFilter(input, min, max));
            },
            "pattern_replace", AnalysisPlugin.requiresAnalysisSettings((indexSettings, env, name, settings) -> {
                Pattern pattern = Pattern.compile(require(settings, "pattern"));
                String replacement = settings.get("replacement", "");
                boolean all = settings.getAsBoolean("all", true);
                return filter(name, input -> new PatternReplaceFilter(input, pattern, replacement, all));
            }),
            "synonym_graph", AnalysisPlugin.requiresAnalysisSettings((indexSettings, env, name, settings) -> {
                SynonymMap map = synonyms(settings.getAsList("synonyms", List.of()), settings.getAsBoolean("expand", true));
                return filter(name, input -> map.fst == null ? input : new SynonymGraphFilter(input, map, true));
            })
        );
    }

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        return Map.of("mapping", AnalysisPlugin.requiresAnalysisSettings((indexSettings, env, name, settings) -> {
            NormalizeCharMap map = charMap(settings.getAsList("mappings", List.of()));
            return new CharFilterFactory() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public Reader create(Reader reader) {
                    return new MappingCharFilter(map, reader);
                }
            };
        }));
    }

    private interface Wrap {
        TokenStream apply(TokenStream input);
    }

    private static TokenFilterFactory filter(String name, Wrap wrap) {
        return new TokenFilterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public TokenStream create(TokenStream input) {
                return wrap.apply(input);
            }
        };
    }

    private static String require(Settings settings, String key) {
        String value = settings.get(key);
        if (value == null) throw new IllegalArgumentException("[" + key + "] is required");
        return value;
    }

    /**
     * Solr-format rules ("a, b c" or "a => b"). The rules are cut as the portal's search
     * analyzer cuts text (whitespace, lowercase, Thai digits to ASCII); analysis-common would
     * run the analyzer's own preceding filters, which for the portal amount to the same.
     */
    static SynonymMap synonyms(List<String> rules, boolean expand) throws IOException {
        Analyzer analyzer = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer tokenizer = new WhitespaceTokenizer();
                return new TokenStreamComponents(tokenizer, new DecimalDigitFilter(new LowerCaseFilter(tokenizer)));
            }
        };
        SolrSynonymParser parser = new SolrSynonymParser(true, expand, analyzer);
        try {
            parser.parse(new StringReader(String.join("\n", rules)));
        } catch (ParseException e) {
            throw new IllegalArgumentException("failed to parse synonyms: " + e.getMessage(), e);
        }
        return parser.build();
    }

    private static final Pattern RULE = Pattern.compile("(.*)\\s*=>\\s*(.*)");
    private static final Pattern UNICODE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

    /** "a=>b" rules with \\uXXXX escapes, as analysis-common's mapping char filter reads them. */
    static NormalizeCharMap charMap(List<String> rules) {
        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        for (String rule : rules) {
            Matcher m = RULE.matcher(rule);
            if (!m.matches()) throw new IllegalArgumentException("invalid mapping rule: [" + rule + "]");
            String from = unescape(m.group(1).trim());
            if (from.isEmpty()) throw new IllegalArgumentException("invalid mapping rule: [" + rule + "]");
            builder.add(from, unescape(m.group(2).trim()));
        }
        return builder.build();
    }

    private static String unescape(String text) {
        Matcher m = UNICODE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        m.appendTail(out);
        return out.toString();
    }
}
