package dev.lamina.applications;

import dev.lamina.data.DatasetSpec;

/**
 * A file Keras fetches with {@code get_file(..., cache_subdir="models", file_hash=md5)}: its name
 * in Keras' cache, its canonical URL and the MD5 Keras publishes for it. Lamina keeps its own copy
 * in the dataset store's folder {@value #STORE_FOLDER} (a mirror serves it at
 * {@code <base>/keras-applications/<file>}).
 *
 * @param fileName the file's name, as in Keras' cache
 * @param url where Keras downloads it
 * @param md5 the expected MD5 of its bytes, 32 hex digits
 */
record KerasFile(String fileName, String url, String md5) {

    /** The dataset store's folder for Keras' application files. */
    static final String STORE_FOLDER = "keras-applications";

    /** @return the store's description of this one file, downloaded from {@link #url} and checked by MD5 */
    DatasetSpec spec() {
        return DatasetSpec.named(STORE_FOLDER).title(fileName).files(fileName).download(fileName, md5, url)
                .hint("Keras' own copy in ~/.keras/models/ (or $KERAS_HOME/models/) is used too when its MD5 is "
                        + md5 + ".");
    }
}
