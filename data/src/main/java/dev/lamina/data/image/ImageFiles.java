package dev.lamina.data.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds the classes and image files of a {@code flow_from_directory} folder, in Keras' order:
 * classes are the sorted sub-folder names (or the given list), and each class's files are found
 * recursively, folder by folder in sorted path order, sorted by name within a folder.
 */
final class ImageFiles {

    /** File extensions read, compared in lower case: Keras' list plus gif and pgm/pnm. */
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff", "ppm", "pgm", "pnm");

    /** The listing: class names in label order, and per file its path, name relative to the folder and label. */
    record Listing(List<String> classNames, List<Path> paths, List<String> filenames, int[] labels) {
    }

    private ImageFiles() {
    }

    /**
     * Lists a folder.
     *
     * @param directory the folder with one sub-folder per class
     * @param classes the class folders in label order, or {@code null} for all sub-folders, sorted
     * @param validationSplit the held-out fraction, 0 for none
     * @param subset {@code "training"}, {@code "validation"} or {@code null} for every file
     * @throws IllegalArgumentException when the folder or a named class folder is missing, when
     *     there are no class folders, or when a class folder holds no image
     */
    static Listing list(Path directory, List<String> classes, double validationSplit, String subset) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("flow_from_directory needs a folder with one sub-folder per class, but "
                    + directory + " is not a folder");
        }
        List<String> names = classes != null ? classes : subfolders(directory);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("Found no class sub-folders in " + directory
                    + ": flow_from_directory expects one sub-folder of images per class");
        }
        List<Path> paths = new ArrayList<>();
        List<String> filenames = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int label = 0; label < names.size(); label++) {
            Path classDir = directory.resolve(names.get(label));
            if (!Files.isDirectory(classDir)) {
                throw new IllegalArgumentException("Class folder " + classDir + " does not exist (classes="
                        + names + ")");
            }
            List<Path> files = imagesIn(classDir);
            if (files.isEmpty()) {
                throw new IllegalArgumentException("Class folder " + classDir + " contains no images (extensions "
                        + EXTENSIONS.stream().sorted().toList() + ")");
            }
            int start = 0;
            int stop = files.size();
            if (subset != null) {
                // Keras: validation is files[0 : int(split * n)], training files[int(split * n) : n].
                int cut = (int) (validationSplit * files.size());
                start = "validation".equals(subset) ? 0 : cut;
                stop = "validation".equals(subset) ? cut : files.size();
            }
            for (Path f : files.subList(start, stop)) {
                paths.add(f);
                filenames.add(names.get(label) + "/" + relative(classDir, f));
                labels.add(label);
            }
        }
        return new Listing(List.copyOf(names), paths, filenames, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The class names in label order as a map to their label.
     *
     * @return an insertion-ordered map
     */
    static Map<String, Integer> indices(List<String> classNames) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < classNames.size(); i++) {
            m.put(classNames.get(i), i);
        }
        return m;
    }

    private static List<String> subfolders(Path directory) {
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
    }

    private static List<Path> imagesIn(Path classDir) {
        // Group by folder, folders in sorted path order, names sorted within: os.walk sorted by root.
        Map<String, List<Path>> byFolder = new TreeMap<>();
        try (Stream<Path> s = Files.walk(classDir)) {
            s.filter(Files::isRegularFile).filter(ImageFiles::hasImageExtension)
                    .forEach(p -> byFolder.computeIfAbsent(p.getParent().toString(), k -> new ArrayList<>()).add(p));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + classDir, e);
        }
        List<Path> files = new ArrayList<>();
        for (List<Path> folder : byFolder.values()) {
            folder.sort(Comparator.comparing(p -> p.getFileName().toString()));
            files.addAll(folder);
        }
        return files;
    }

    static boolean hasImageExtension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String relative(Path classDir, Path file) {
        Path rel = classDir.relativize(file);
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }
}
