/**
 * The differentiable operations of Lamina, one class each, forward and backward both ND4J native
 * ops, channels-last (NHWC). Each class has static {@code apply} methods that compute the result
 * and record the operation's backward rule on the tape when an input requires gradients.
 */
package dev.lamina.core.ops;
