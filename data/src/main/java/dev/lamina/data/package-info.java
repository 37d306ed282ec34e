/**
 * Data sets in their real file formats (MNIST, Fashion-MNIST, CIFAR-10, Sign-MNIST CSV), the
 * dataset cache with verified downloads, and Keras-style utilities. Built by the data issue; this
 * module holds its build so far.
 */
package dev.lamina.data;
