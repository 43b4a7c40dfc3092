package org.ntrklab.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every reference in the repository can be followed by a reader of the repository. No source, documentation
 * or configuration file cites a design document that the repository does not contain (domain rules are in
 * docs/clinical-rules.md and the pages beside it, with their published sources), no file of any kind cites
 * sections of notes that the repository does not contain (the simulator's figures are in docs/lims-simulator.md,
 * with their published sources), and every relative link in
 * README.md, docs/ and deploy/ leads to a file of the repository and, with an #anchor, to a heading of that
 * page (GitHub's anchors: the heading in lower case, spaces as '-', punctuation other than '-' and '_'
 * dropped, a repeated heading numbered -1, -2, ...).
 *
 * <p>The files are the repository's as git lists them (tracked, and new files not ignored), or, without git,
 * every file but build output and ignored directories.
 */
class RepositoryReferencesTest {

    private static final Path ROOT = Paths.get(System.getProperty("ntrk.repository.root", "../.."))
            .toAbsolutePath().normalize();
    /** The missing document's name, assembled so that this file does not mention it itself. */
    private static final String MISSING_DOCUMENT = "DESIGN" + ".md";
    private static final Pattern MISSING_DOCUMENT_MENTION =
            Pattern.compile(Pattern.quote(MISSING_DOCUMENT) + "|DESIGN\\s*§", Pattern.CASE_INSENSITIVE);
    /**
     * Between the two words of the missing notes' name: spaces, line breaks, comment marks and the quotes and
     * plus of a string split in two. The name is assembled from pieces so that this file does not mention it.
     */
    private static final String NOTES_SEPARATOR = "[\\s*/#\"+]*";
    private static final Pattern MISSING_NOTES_MENTION = Pattern.compile("\\bdomain" + NOTES_SEPARATOR
            + "(?:reference" + NOTES_SEPARATOR + ")?notes\\b", Pattern.CASE_INSENSITIVE);
    private static final Set<String> CHECKED_EXTENSIONS =
            Set.of("java", "md", "yml", "yaml", "xml", "avdl", "sh", "properties");
    /** Not part of the repository when git is not there to say so: build output, tools' and runs' files. */
    private static final Set<String> UNTRACKED_DIRECTORIES =
            Set.of(".git", "target", "node_modules", "data", ".idea", ".vscode");

    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~)");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
    /** [text](target "title") and ![alt](target); text without nested brackets once code spans are gone. */
    private static final Pattern INLINE_LINK =
            Pattern.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)");
    /** [label]: target, a reference-style link definition. */
    private static final Pattern LINK_DEFINITION = Pattern.compile("^\\s{0,3}\\[[^\\]]+]:\\s*<?([^\\s>]+)>?");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:|^//");
    private static final Pattern ATX_HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^\\s{0,3}(=+|-+)\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern MARKDOWN_LINK_IN_HEADING = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern HTML_TAG = Pattern.compile("<[^>]+>");
    private static final Pattern NOT_IN_SLUG = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]");

    @Test
    void noFileMentionsADesignDocumentThatIsNotInTheRepository() throws IOException {
        List<String> mentions = new ArrayList<>();
        List<String> checked = repositoryFiles().stream().filter(RepositoryReferencesTest::isSourceDocOrConfig)
                .toList();
        for (String file : checked) {
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (MISSING_DOCUMENT_MENTION.matcher(lines.get(i)).find()) {
                    mentions.add(file + ":" + (i + 1) + ": cites " + MISSING_DOCUMENT + ", which is not in the"
                            + " repository; point to the docs/ page (or the published source) instead: "
                            + lines.get(i).strip());
                }
            }
        }
        assertThat(checked).as("source, documentation and configuration files under %s", ROOT)
                .contains("README.md", "pom.xml", "docker-compose.yml").hasSizeGreaterThan(100);
        assertThat(mentions).withFailMessage("%d reference(s) that a reader of the repository cannot follow:%n%s",
                mentions.size(), String.join(System.lineSeparator(), mentions)).isEmpty();
    }

    @Test
    void noFileCitesNotesThatAreNotInTheRepository() throws IOException {
        List<String> mentions = new ArrayList<>();
        int checked = 0;
        for (String file : repositoryFiles()) {
            byte[] bytes = Files.readAllBytes(ROOT.resolve(file));
            if (isBinary(bytes)) {
                continue;
            }
            checked++;
            String text = new String(bytes, StandardCharsets.UTF_8);
            Matcher mention = MISSING_NOTES_MENTION.matcher(text);
            while (mention.find()) {
                int line = 1 + (int) text.substring(0, mention.start()).chars().filter(c -> c == '\n').count();
                int lineStart = text.lastIndexOf('\n', mention.start()) + 1;
                int lineEnd = text.indexOf('\n', mention.end());
                mentions.add(file + ":" + line + ": cites notes that are not in the repository; point"
                        + " to docs/lims-simulator.md (or the published source) instead: "
                        + text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd).strip());
            }
        }
        assertThat(checked).as("text files under %s", ROOT).isGreaterThan(100);
        String name = String.join(" ", "Domain", "notes");
        assertThat(MISSING_NOTES_MENTION.matcher("see " + name + " §5.2").find()).isTrue();
        assertThat(MISSING_NOTES_MENTION.matcher("see " + name.replace(" ", "\n     * ") + " §5.2").find()).isTrue();
        assertThat(MISSING_NOTES_MENTION.matcher("in the\" + \" " + name.toLowerCase(Locale.ROOT) + "]").find())
                .isTrue();
        assertThat(MISSING_NOTES_MENTION.matcher(name.replace(" ", " reference ")).find()).isTrue();
        assertThat(MISSING_NOTES_MENTION.matcher(name.replace(" ", ", ")).find()).isFalse();
        assertThat(MISSING_NOTES_MENTION.matcher("sub" + name.toLowerCase(Locale.ROOT)).find()).isFalse();
        assertThat(mentions).withFailMessage("%d reference(s) that a reader of the repository cannot follow:%n%s",
                mentions.size(), String.join(System.lineSeparator(), mentions)).isEmpty();
    }

    @Test
    void everyRelativeMarkdownLinkLeadsToAFileAndHeadingOfTheRepository() throws IOException {
        Set<String> files = new TreeSet<>(repositoryFiles());
        Set<String> directories = directoriesOf(files);
        Map<String, Set<String>> anchorsByPage = new HashMap<>();
        List<String> pages = files.stream().filter(RepositoryReferencesTest::isLinkedPage).toList();
        List<String> broken = new ArrayList<>();
        int relativeLinks = 0;
        for (String page : pages) {
            List<String> lines = lines(page);
            boolean fenced = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (FENCE.matcher(line).find()) {
                    fenced = !fenced;
                    continue;
                }
                if (fenced) {
                    continue;
                }
                for (String target : linkTargets(line)) {
                    if (SCHEME.matcher(target).find()) {
                        continue;
                    }
                    relativeLinks++;
                    String problem = problem(page, target, files, directories, anchorsByPage);
                    if (problem != null) {
                        broken.add(page + ":" + (i + 1) + ": link (" + target + ") " + problem);
                    }
                }
            }
        }
        assertThat(pages).as("Markdown pages under %s", ROOT).contains("README.md", "docs/clinical-rules.md",
                "deploy/README.md");
        assertThat(relativeLinks).as("relative links checked").isGreaterThan(20);
        assertThat(broken).withFailMessage("%d relative link(s) that lead nowhere:%n%s", broken.size(),
                String.join(System.lineSeparator(), broken)).isEmpty();
    }

    @Test
    void anchorsAreMadeFromHeadingsTheWayGitHubMakesThem() {
        assertThat(slug("Sign-out, corrections and amendments")).isEqualTo("sign-out-corrections-and-amendments");
        assertThat(slug("Configuration (`ntrk.reflex.*`)")).isEqualTo("configuration-ntrkreflex");
        assertThat(slug("Routes: the first orders of an accession"))
                .isEqualTo("routes-the-first-orders-of-an-accession");
        assertThat(slug("The [dead-letters](dead-letters.md) command")).isEqualTo("the-dead-letters-command");
        assertThat(slug("Dead_letter topics <small>(v2)</small>")).isEqualTo("dead_letter-topics-v2");
        assertThat(anchors(List.of("# Tests", "", "```", "# not a heading", "```", "## Tests", "Setext", "---")))
                .containsExactlyInAnyOrder("tests", "tests-1", "setext");
    }

    /** Why {@code target}, linked from {@code page}, leads nowhere; null when it leads to a file and heading. */
    private static String problem(String page, String target, Set<String> files, Set<String> directories,
            Map<String, Set<String>> anchorsByPage) throws IOException {
        int hash = target.indexOf('#');
        String path = decode(hash < 0 ? target : target.substring(0, hash));
        String anchor = hash < 0 ? null : decode(target.substring(hash + 1));
        String resolved;
        if (path.isEmpty()) {
            resolved = page;
        } else {
            Path base = path.startsWith("/") ? Path.of("") : parent(page);
            Path normalized = base.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
            resolved = normalized.toString().replace('\\', '/');
            if (normalized.startsWith("..")) {
                return "points outside the repository";
            }
            if (resolved.endsWith("/")) {
                resolved = resolved.substring(0, resolved.length() - 1);
            }
            if (!files.contains(resolved) && !directories.contains(resolved)) {
                return "leads to " + resolved + ", which is not a file of the repository";
            }
        }
        if (anchor == null || anchor.isEmpty() || !resolved.endsWith(".md")) {
            return null;
        }
        Set<String> anchors = anchorsByPage.get(resolved);
        if (anchors == null) {
            anchors = anchors(lines(resolved));
            anchorsByPage.put(resolved, anchors);
        }
        if (!anchors.contains(anchor)) {
            return "names the anchor #" + anchor + ", but no heading of " + resolved + " has it";
        }
        return null;
    }

    private static List<String> linkTargets(String line) {
        String text = CODE_SPAN.matcher(line).replaceAll("");
        List<String> targets = new ArrayList<>();
        Matcher inline = INLINE_LINK.matcher(text);
        while (inline.find()) {
            targets.add(inline.group(1));
        }
        Matcher definition = LINK_DEFINITION.matcher(text);
        if (definition.find()) {
            targets.add(definition.group(1));
        }
        return targets;
    }

    /** The anchors of a Markdown page: one per heading outside code blocks, plus explicit HTML anchors. */
    static Set<String> anchors(List<String> lines) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        String previous = "";
        for (String line : lines) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                previous = "";
                continue;
            }
            if (fenced) {
                continue;
            }
            String heading = null;
            Matcher atx = ATX_HEADING.matcher(line);
            if (atx.matches()) {
                heading = atx.group(1);
            } else if (SETEXT_UNDERLINE.matcher(line).matches() && isParagraphLine(previous)) {
                heading = previous.strip();
            }
            if (heading != null) {
                String slug = slug(heading);
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1));
            }
            previous = heading == null ? line : "";
        }
        return anchors;
    }

    /** GitHub's anchor for a heading: its text in lower case, spaces as '-', other punctuation but '_' dropped. */
    static String slug(String heading) {
        String text = MARKDOWN_LINK_IN_HEADING.matcher(heading).replaceAll("$1");
        text = HTML_TAG.matcher(text).replaceAll("");
        text = NOT_IN_SLUG.matcher(text.strip().toLowerCase(Locale.ROOT)).replaceAll("");
        return text.replace(' ', '-');
    }

    private static boolean isParagraphLine(String line) {
        String s = line.strip();
        return !s.isEmpty() && !s.startsWith("|") && !s.startsWith("#") && !s.startsWith(">")
                && !s.matches("([-*+]|\\d+[.)])\\s.*") && !SETEXT_UNDERLINE.matcher(line).matches();
    }

    private static boolean isSourceDocOrConfig(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return name.startsWith("Dockerfile") || dot > 0 && CHECKED_EXTENSIONS.contains(name.substring(dot + 1));
    }

    /** A file with a NUL byte in its first 8000 bytes is binary, as git decides. */
    private static boolean isBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLinkedPage(String file) {
        return file.equals("README.md")
                || (file.startsWith("docs/") || file.startsWith("deploy/")) && file.endsWith(".md");
    }

    private static Set<String> directoriesOf(Set<String> files) {
        Set<String> directories = new TreeSet<>();
        for (String file : files) {
            for (int slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) {
                directories.add(file.substring(0, slash));
            }
        }
        return directories;
    }

    private static Path parent(String file) {
        Path parent = Path.of(file).getParent();
        return parent == null ? Path.of("") : parent;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The lines of a file; bytes that are not UTF-8 become replacement characters rather than an error. */
    private static List<String> lines(String file) throws IOException {
        return new String(Files.readAllBytes(ROOT.resolve(file)), StandardCharsets.UTF_8).lines().toList();
    }

    /** The repository's files, relative to its root with '/' as separator. */
    private static List<String> repositoryFiles() throws IOException {
        List<String> listed = gitFiles();
        if (listed != null) {
            return listed.stream().filter(f -> Files.isRegularFile(ROOT.resolve(f))).toList();
        }
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(Files::isRegularFile).map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                    .filter(f -> Stream.of(f.split("/")).noneMatch(UNTRACKED_DIRECTORIES::contains)).sorted()
                    .toList();
        }
    }

    /** What git lists in the repository (tracked files and new files it does not ignore); null without git. */
    private static List<String> gitFiles() {
        if (!Files.exists(ROOT.resolve(".git"))) {
            return null;
        }
        try {
            Process git = new ProcessBuilder("git", "-C", ROOT.toString(), "ls-files", "-z", "--cached", "--others",
                    "--exclude-standard").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = git.getInputStream()) {
                in.transferTo(out);
            }
            if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
                git.destroyForcibly();
                return null;
            }
            return Stream.of(out.toString(StandardCharsets.UTF_8).split("\0")).filter(f -> !f.isEmpty()).distinct()
                    .sorted().toList();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while listing files with git", e));
        }
    }
}
