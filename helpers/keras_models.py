"""The Keras twins of the series' networks, and the glue between them and ours.

Only the notebooks that use Keras import this module, so the others never pay
for starting TensorFlow. Importing it goes through ``helpers/__init__.py``
first, which quiets TensorFlow before TensorFlow is imported here.

What lives here:

- ``make_deterministic``: one call that makes a Keras run repeat exactly.
- ``dense_network``: a stack of Dense layers with seeded initial weights.
- ``copy_scratch_weights`` / ``scratch_weights``: move the nine numbers of the
  loop network (w11 ... b2) into a 2-2-1 Keras model and back.
- ``predict_proba`` / ``predict_classes``: P(malignant) and the 0/1 decision,
  whether the model ends in logits (linear) or in a sigmoid.
- ``history_curves``: a ``fit`` history as named per-epoch curves for plotting.
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from helpers.scratch import PARAMETERS

OUTPUTS = ("linear", "sigmoid", "softmax")
DTYPES = ("float32", "float64")


def make_deterministic(seed: int) -> None:
    """Seed every random generator Keras uses and ask TensorFlow for repeatable ops.

    ``keras.utils.set_random_seed`` seeds Python's ``random``, NumPy and
    TensorFlow in one go (the shuffling of mini-batches uses them). Op
    determinism makes TensorFlow pick kernels that add numbers in a fixed
    order, so two runs give the same bits, not merely close numbers. Calling
    this again (with the same or another seed) is safe: enabling determinism
    twice changes nothing.
    """
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    keras.utils.set_random_seed(int(seed))
    tf.config.experimental.enable_op_determinism()
    tf.get_logger().setLevel("ERROR")


def _check_network_args(sizes: list[int], hidden: str, output: str, dtype: str, seed: int) -> list[int]:
    """Refuse arguments dense_network cannot build, with a message naming the problem."""
    if len(sizes) < 2:
        raise ValueError(f"sizes needs at least an input and an output size, got {sizes!r}")
    for size in sizes:
        if not isinstance(size, (int, np.integer)) or isinstance(size, bool) or size < 1:
            raise ValueError(f"every size must be a positive integer, got {sizes!r}")
    if output not in OUTPUTS:
        raise ValueError(f"output must be one of {OUTPUTS}, got {output!r}")
    if dtype not in DTYPES:
        raise ValueError(f"dtype must be one of {DTYPES}, got {dtype!r}")
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    keras.activations.get(hidden)  # an unknown activation name fails here, with Keras' message
    return [int(size) for size in sizes]


def dense_network(
    sizes: list[int],
    hidden: str = "relu",
    output: str = "linear",
    dtype: str = "float32",
    seed: int = 0,
) -> keras.Sequential:
    """A fully connected network: sizes[0] inputs, then one Dense layer per further size.

    [2, 2, 1] is the series' network: 2 inputs, 2 relu hidden units, 1 output.
    output="linear" outputs the logit z2 (train with BinaryCrossentropy(from_logits=True)),
    "sigmoid" the probability a2, "softmax" one probability per class (digits: [64, 64, 10]).
    Weights start Glorot-uniform, seeded with seed + layer number; biases start at zero.
    So the same arguments always give the same starting weights.
    """
    sizes = _check_network_args(sizes, hidden, output, dtype, seed)
    layers = [keras.Input(shape=(sizes[0],), dtype=dtype)]
    for number, units in enumerate(sizes[1:], start=1):
        is_last = number == len(sizes) - 1
        layers.append(
            keras.layers.Dense(
                units,
                activation=output if is_last else hidden,
                kernel_initializer=keras.initializers.GlorotUniform(seed=seed + number),
                bias_initializer="zeros",
                dtype=dtype,
                name=f"layer{number}",  # layer1 holds the [1] weights, layer2 the [2] weights
            )
        )
    return keras.Sequential(layers)


def _check_221(model: keras.Model) -> None:
    """The weight copies below only make sense for the 2-2-1 network."""
    shapes = [tuple(w.shape) for w in model.get_weights()]
    if shapes != [(2, 2), (2,), (2, 1), (1,)]:
        raise ValueError(f"expected a 2-2-1 Dense model (weight shapes (2, 2), (2,), (2, 1), (1,)), got {shapes}")


def copy_scratch_weights(net, model: keras.Model) -> None:
    """Give a 2-2-1 Keras model exactly the weights of a loop network ``net``.

    The loop network computes
        z11 = w11*x1 + w12*x2 + b11,   z12 = w13*x1 + w14*x2 + b12,
        z2  = w21*a11 + w22*a12 + b2.
    A Keras Dense kernel has one row per input and one column per unit:
    kernel[i, j] is the weight from input i to unit j. So unit 1's weights
    (w11, w12) form the first *column*, not the first row.
    """
    _check_221(model)
    missing = [name for name in PARAMETERS if not hasattr(net, name)]
    if missing:
        raise ValueError(f"the network has no attribute(s) {', '.join(missing)}")
    p = {name: float(getattr(net, name)) for name in PARAMETERS}
    kernel1 = np.array(
        [
            [p["w11"], p["w13"]],  # from x1 to units 1 and 2
            [p["w12"], p["w14"]],  # from x2 to units 1 and 2
        ]
    )
    bias1 = np.array([p["b11"], p["b12"]])
    kernel2 = np.array([[p["w21"]], [p["w22"]]])  # from a11 and a12 to the output
    bias2 = np.array([p["b2"]])
    dtype = model.get_weights()[0].dtype
    model.set_weights([w.astype(dtype) for w in (kernel1, bias1, kernel2, bias2)])


def scratch_weights(model: keras.Model) -> dict[str, float]:
    """The nine weights of a 2-2-1 Keras model, named as in the loop network."""
    _check_221(model)
    kernel1, bias1, kernel2, bias2 = model.get_weights()
    return {
        "w11": float(kernel1[0, 0]),
        "w12": float(kernel1[1, 0]),
        "w13": float(kernel1[0, 1]),
        "w14": float(kernel1[1, 1]),
        "w21": float(kernel2[0, 0]),
        "w22": float(kernel2[1, 0]),
        "b11": float(bias1[0]),
        "b12": float(bias1[1]),
        "b2": float(bias2[0]),
    }


def output_activation(model: keras.Model) -> str:
    """The name of the model's last activation: "linear", "sigmoid", "softmax"..."""
    return model.layers[-1].get_config()["activation"]


def _check_inputs(model: keras.Model, X) -> np.ndarray:
    X = np.asarray(X)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D array (rows x features), got {X.ndim} dimension(s) with shape {X.shape}")
    width = model.inputs[0].shape[-1]
    if X.shape[1] != width:
        raise ValueError(f"X has {X.shape[1]} column(s) but the model takes {width} input(s)")
    if not np.issubdtype(X.dtype, np.number) or np.issubdtype(X.dtype, np.complexfloating):
        raise ValueError(f"X must hold real numbers, got dtype {X.dtype}")
    if not np.all(np.isfinite(X)):
        raise ValueError("X holds NaN or infinite values")
    return X.astype(model.inputs[0].dtype)


def predict_proba(model: keras.Model, X) -> np.ndarray:
    """P(class 1) for every row of X, as a 1-D float array.

    A model ending in "linear" outputs the logit z2, and P = sigmoid(z2); one
    ending in "sigmoid" outputs P itself; a two-unit "softmax" gives P as its
    second column. Any other kind of model is refused with a ValueError.
    """
    X = _check_inputs(model, X)
    activation = output_activation(model)
    out = keras.ops.convert_to_numpy(model(X, training=False)).astype("float64")
    units = out.shape[1]
    if activation == "linear" and units == 1:
        # sigmoid(z) written with tanh: equal to 1 / (1 + exp(-z)), and never overflows.
        return 0.5 * (1.0 + np.tanh(0.5 * out[:, 0]))
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


def history_curves(history: keras.callbacks.History, metric: str = "loss") -> dict[str, np.ndarray]:
    """One metric of a ``fit`` history as {"training": ..., "test": ...} curves, one value per epoch.

    The "test" curve exists only when ``fit`` was given ``validation_data``;
    in this series that is the test split, watched but never used to choose.
    """
    logs = history.history
    if metric not in logs:
        raise ValueError(f"the history has no {metric!r}; it has {sorted(logs)}")
    curves = {"training": np.asarray(logs[metric], dtype=float)}
    if f"val_{metric}" in logs:
        curves["test"] = np.asarray(logs[f"val_{metric}"], dtype=float)
    return curves
