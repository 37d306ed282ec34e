package dev.lamina.applications;

/**
 * One decoded ImageNet prediction, as Keras' {@code decode_predictions} returns it:
 * {@code (class_name, class_description, score)}.
 *
 * @param classId the WordNet id, e.g. {@code "n01440764"}
 * @param label the class's description, e.g. {@code "tench"}
 * @param score the model's probability (or score) for the class
 */
public record ImageNetPrediction(String classId, String label, double score) {
}
