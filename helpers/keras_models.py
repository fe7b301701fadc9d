"""The Keras twins of the series' networks.

Only the notebooks that use Keras import this module, so the others never pay
for starting TensorFlow. Importing it goes through ``helpers/__init__.py``
first, which quiets TensorFlow before TensorFlow is imported here.

- ``make_deterministic``: one call that makes a Keras run repeat exactly.
- ``dense_network``: a stack of Dense layers with seeded initial weights.
- ``predict_proba`` / ``predict_classes``: P(malignant) and the 0/1 decision,
  whether the model ends in logits (linear) or in a sigmoid.
- ``full_batches``: the training set as one batch, repeated, for full-batch
  gradient descent with ``fit``.

A Dense layer stores its weights as our matrix network does (one row per
input, one column per unit), so ``helpers.parameters.to_matrices`` and
``from_matrices`` move the loop network's nine numbers in and out of a 2-2-1
model: ``model.set_weights(to_matrices(params))``.
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from helpers.inputs import check_choice, check_count, check_data, check_X
from helpers.vectorized import sigmoid

OUTPUTS = ("linear", "sigmoid", "softmax")
DTYPES = ("float32", "float64")


def make_deterministic(seed: int) -> None:
    """Seed every random generator Keras uses and ask TensorFlow for repeatable ops.

    ``keras.utils.set_random_seed`` seeds Python's ``random``, NumPy and
    TensorFlow in one go (the shuffling of mini-batches uses them). Op
    determinism makes TensorFlow pick kernels that add numbers in a fixed
    order, so two runs give the same bits, not merely close numbers. Calling
    this again (with the same or another seed) is safe.
    """
    keras.utils.set_random_seed(check_count("seed", seed, smallest=0))
    tf.config.experimental.enable_op_determinism()
    tf.get_logger().setLevel("ERROR")


def dense_network(sizes: list[int], hidden="relu", output: str = "linear", dtype: str = "float32", seed: int = 0):
    """A fully connected network: sizes[0] inputs, then one Dense layer per further size.

    [2, 2, 1] is the series' network: 2 inputs, 2 relu hidden units, 1 output.
    output="linear" outputs the logit z2 (train with BinaryCrossentropy(from_logits=True)),
    "sigmoid" the probability a2, "softmax" one probability per class (digits: [64, 128, 10]).
    Weights start Glorot-uniform, seeded with seed + layer number; biases start at zero.
    So the same arguments always give the same starting weights.
    """
    if len(sizes) < 2:
        raise ValueError(f"sizes needs at least an input and an output size; got {list(sizes)}")
    sizes = [check_count("every layer size", size) for size in sizes]
    check_choice("output", output, OUTPUTS)
    check_choice("dtype", dtype, DTYPES)
    check_count("seed", seed, smallest=0)
    keras.activations.get(hidden)  # an unknown activation name fails here, with Keras' message
    layers = [keras.Input(shape=(sizes[0],), dtype=dtype)]
    for number, units in enumerate(sizes[1:], start=1):
        layers.append(
            keras.layers.Dense(
                units,
                activation=output if number == len(sizes) - 1 else hidden,
                kernel_initializer=keras.initializers.GlorotUniform(seed=seed + number),
                bias_initializer="zeros",
                dtype=dtype,
                name=f"layer{number}",  # layer1 holds the [1] weights, layer2 the [2] weights
            )
        )
    return keras.Sequential(layers)


def output_activation(model: keras.Model) -> str:
    """The name of the model's last activation: "linear", "sigmoid", "softmax"..."""
    return model.layers[-1].get_config()["activation"]


def predict_proba(model: keras.Model, X) -> np.ndarray:
    """P(class 1) for every row of X, as a 1-D float array.

    A model ending in "linear" outputs the logit z2, and P = sigmoid(z2); one
    ending in "sigmoid" outputs P itself; a two-unit "softmax" gives P as its
    second column. Any other kind of model is refused with a ValueError.
    """
    X = check_X(X, model.inputs[0].shape[-1]).astype(model.inputs[0].dtype)
    activation = output_activation(model)
    out = keras.ops.convert_to_numpy(model(X, training=False)).astype("float64")
    units = out.shape[1]
    if activation == "linear" and units == 1:
        return sigmoid(out[:, 0])
    if activation == "sigmoid" and units == 1:
        return out[:, 0]
    if activation == "softmax" and units == 2:
        return out[:, 1]
    raise ValueError(
        f"predict_proba needs a binary model (1 linear or sigmoid output, or 2 softmax outputs); "
        f"this one has {units} {activation} output(s)"
    )


def predict_classes(model: keras.Model, X) -> np.ndarray:
    """The 0/1 decision for every row of X: 1 (malignant) when P > 0.5, that is when z2 > 0."""
    return (predict_proba(model, X) > 0.5).astype("int64")


def full_batches(X, y, steps: int) -> tf.data.Dataset:
    """The whole training set as one batch, ``steps`` times: ``model.fit(full_batches(X, y, 400))`` takes 400 steps.

    Each step of fit then computes the gradient of the cost on all rows of X
    (full-batch gradient descent, as chapter 04 does), always in the same
    order. Why not ``fit(X, y, batch_size=len(X), epochs=400)``? It takes the
    same steps, but Keras spends longer starting each epoch than on one step
    over a few hundred rows: one epoch of 400 steps is several times quicker.
    """
    X, y = check_data(X, y, n_inputs=np.shape(X)[-1])
    return tf.data.Dataset.from_tensors((X, y.astype(X.dtype))).repeat(check_count("steps", steps))
