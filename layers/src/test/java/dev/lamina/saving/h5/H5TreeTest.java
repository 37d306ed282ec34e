package dev.lamina.saving.h5;

import static org.assertj.core.api.Assertions.assertThat;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class H5TreeTest {

    @TempDir
    Path dir;

    @Test
    void emptyGroupsBesideDatasetsAndScalarsReadBack() throws Exception {
        H5Tree root = new H5Tree();
        // Keras' layout: empty vars groups beside groups with data, in an order that puts the empty
        // ones after the datasets when written as given.
        H5Tree layers = root.group("layers");
        layers.group("dense").group("vars").dataset("0", Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}}));
        layers.group("dropout").group("vars").attribute("name", "dropout");
        H5Tree opt = root.group("optimizer").group("vars");
        opt.dataset("0", Nd4j.scalar(7L)).dataset("1", Nd4j.scalar(0.5f));
        root.group("vars").attribute("name", "sequential");
        root.group("z_last_empty");
        Path file = dir.resolve("t.h5");
        root.writeTo(file);

        try (HdfFile f = new HdfFile(file)) {
            assertThat(((Group) f.getByPath("vars")).getChildren()).isEmpty();
            assertThat(((Group) f.getByPath("vars")).getAttribute("name").getData()).isEqualTo("sequential");
            assertThat(((Group) f.getByPath("layers/dropout/vars")).getChildren()).isEmpty();
            assertThat(f.getByPath("z_last_empty")).isInstanceOf(Group.class);
            Dataset it = (Dataset) f.getByPath("optimizer/vars/0");
            assertThat(it.getDimensions()).isEmpty();
            assertThat(it.getData()).isEqualTo(7L);
            assertThat(((Dataset) f.getByPath("optimizer/vars/1")).getData()).isEqualTo(0.5f);
            float[][] kernel = (float[][]) ((Dataset) f.getByPath("layers/dense/vars/0")).getData();
            assertThat(kernel[1]).containsExactly(3, 4);
        }
    }
}
