"""Checks for the exercises of chapter 03 (the network in Keras).

TensorFlow is imported only inside the check that needs it, so importing this
module stays quick.
"""

from __future__ import annotations

import numpy as np

from helpers.exercises import Mistake, NotAttempted, as_number, ask, diagnose, exercise, fail, given, number, same
from helpers.parameters import PARAMETERS
from helpers.vectorized import binary_cross_entropy


def dense_parameters(sizes: list[int]) -> int:
    """Weights and biases of a stack of Dense layers: n_in * n_out + n_out per layer."""
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))


@exercise("set my_prediction to a whole number")
def check_parameter_count(my_prediction) -> str:
    """The parameters of a 2-16-16-1 network of Dense layers: (2 * 16 + 16) + (16 * 16 + 16) + (16 * 1 + 1) = 337."""
    guess = as_number(given(my_prediction), "my_prediction")
    truth = dense_parameters([2, 16, 16, 1])
    why = "2 x 16 + 16, then 16 x 16 + 16, then 16 x 1 + 1: weights plus one bias per unit, layer by layer"
    if same(guess, truth):
        return f"you predicted {guess:,.0f}; a 2-16-16-1 network has {truth:,} parameters: {why}"
    predicted = f"you predicted {guess:,.0f}, which counts"
    mistakes = [
        Mistake(2 * 16 + 16 * 16 + 16 * 1, f"{predicted} the weights only",
                "every unit of a Dense layer also has a bias"),
        Mistake(2 * 16 + 16 + 16 * 1 + 1, f"{predicted} one hidden layer only",
                "there are two hidden layers of 16: three Dense layers"),
        Mistake(2 + 16 + 16 + 1, f"{predicted} the units, not the parameters",
                "each unit has one weight per input, plus a bias"),
        Mistake(2 * 16 * 16 * 1, f"{predicted} a product of all the sizes",
                "each layer connects only to the next: add the layers"),
    ]
    diagnose(guess, mistakes, f"it is {truth:,} ({why})")
    fail(f"you predicted {guess:,.0f}; it is {truth:,}: {why}",
         "count, for each Dense layer, inputs x units weights plus one bias per unit; "
         "the 2-2-1 network has 2 x 2 + 2 + 2 x 1 + 1 = 9")


# A worked example: logits as Keras returns them (one row per tumour, shape (n, 1)), one of them exactly 0.
LOGITS = np.array([[-2.0], [0.0], [0.3], [0.8], [1.5], [-0.4], [0.2], [2.5]], dtype="float32")
LABELS = np.array([1, 0, 1, 1, 1, 0, 1, 1])


@exercise("write accuracy_from_logits in the cell above")
def check_accuracy_from_logits(accuracy_from_logits) -> str:
    """The share of rows where (z2 > 0) equals the label, from a column of logits."""
    call = "accuracy_from_logits(z2, y) on z2 = [-2, 0, 0.3, 0.8, 1.5, -0.4, 0.2, 2.5] (shape (8, 1)), " \
           f"y = {LABELS.tolist()}"
    got = ask(accuracy_from_logits, LOGITS.copy(), LABELS.copy(), call=call)
    if np.ndim(got) > 0 and np.size(got) > 1:
        fail(f"{call} returned an array of shape {np.shape(got)}, not one number",
             "accuracy is one number: the mean of the right/wrong answers, np.mean(...)")
    got = as_number(got, f"the answer of {call}")
    z2, n = LOGITS[:, 0], len(LABELS)
    right = np.mean((z2 > 0) == LABELS)
    if same(got, right):
        return (f"accuracy_from_logits gives {right:.4f} on the worked example (8 tumours, shape (8, 1), "
                "one logit exactly 0, one between 0 and 0.5)")
    mistakes = [
        Mistake(np.mean((z2 > 0.5) == LABELS), f"{call} cuts the logit at 0.5, which is Keras' \"accuracy\" trap",
                "a2 > 0.5 is the same as z2 > 0, because sigma(0) = 0.5: compare the logit with 0"),
        Mistake(np.mean((z2 >= 0) == LABELS), f"{call} calls the tumour with z2 = 0 malignant",
                "z2 = 0 means a2 = 0.5 exactly, which the series calls benign: use z2 > 0, not z2 >= 0"),
        Mistake(np.mean((LOGITS > 0) == LABELS), f"{call} compares a (8, 1) column with (8,) labels: NumPy broadcast "
                "them to an 8 x 8 table of 64 comparisons",
                "take the column as a flat array first: z2[:, 0] or z2.ravel()"),
        Mistake(right * n, f"{call} returns a count of right answers, not a share",
                "divide by the number of tumours, or use np.mean"),
        Mistake(1 - right, f"{call} returns the share of wrong answers",
                "accuracy is the share of answers that equal the label"),
        Mistake(np.mean((z2 < 0) == LABELS), f"{call} calls the negative logits malignant",
                "z2 > 0 means malignant (a2 > 0.5)"),
    ]
    shown = f"expected {right:.4f}, got {number(got)}"
    diagnose(got, mistakes, shown)
    fail(f"{call}: {shown}", "compare z2 > 0 with y, row by row, and take the mean")


# A worked example for the compile exercise: nine distinct weights and eight tumours, one with a logit in (0, 0.5].
WEIGHTS = dict(zip(PARAMETERS, [0.7, -1.3, 0.4, 0.9, 1.6, -0.8, 0.1, -0.2, 0.05]))
X_SMALL = np.array([[1.0, 0.5], [-1.0, 1.0], [0.5, -0.5], [2.0, 1.0], [0.0, 0.3], [-0.5, -1.0], [1.5, -0.2],
                    [0.2, 0.1]])
Y_SMALL = np.array([0, 0, 1, 1, 0, 1, 1, 1])


@exercise("find and fix the planted mistake in compile_logit_model above")
def check_compile_logit_model(compile_logit_model) -> str:
    """The planted mistake: from_logits=False for a model whose output is the logit z2."""
    if compile_logit_model is None or compile_logit_model is Ellipsis:
        raise NotAttempted
    from helpers.keras_models import dense_network, keras, tf
    from helpers.parameters import to_matrices

    tf.get_logger().setLevel("ERROR")  # no notice about retracing when the check runs again

    model = dense_network([2, 2, 1], output="linear", seed=0)
    model.set_weights(to_matrices(WEIGHTS))
    try:
        compile_logit_model(model)
        scores = model.evaluate(X_SMALL, Y_SMALL, verbose=0, return_dict=True)
    except Exception as error:  # the learner's code may fail in any way: name it, show no traceback
        fail(f"compile_logit_model(model), then model.evaluate, raised {type(error).__name__}: {error}",
             "compile needs a loss, an optimizer and metrics")
    z2 = keras.ops.convert_to_numpy(model(X_SMALL))[:, 0].astype("float64")
    exact = binary_cross_entropy(z2.reshape(-1, 1), Y_SMALL.reshape(-1, 1))
    p = np.clip(z2, 1e-7, 1 - 1e-7)  # what from_logits=False does to a logit: takes it for a probability, clipped
    as_probability = np.mean(-(Y_SMALL * np.log(p) + (1 - Y_SMALL) * np.log(1 - p)))
    loss = scores.get("loss")
    # Keras computes in float32, so its loss is compared with ours to 1e-4 (relative), not to the last digit
    if loss is not None and same(loss, as_probability, rtol=1e-4) and not same(loss, exact, rtol=1e-4):
        raise NotAttempted
    where = f"on {len(z2)} tumours with the model's logits from {z2.min():.2f} to {z2.max():.2f}"
    if not same(as_number(loss, f"the loss {where}"), exact, rtol=1e-4):
        fail(f"the loss {where} is {number(loss)}; the cross-entropy of these logits is {number(exact)}",
             "the output unit is linear: the loss must be told it receives logits (from_logits=True)")
    right = np.mean((z2 > 0) == Y_SMALL)
    accuracies = {name: value for name, value in scores.items() if "acc" in name}
    if not accuracies:
        fail(f"the compiled model reports no accuracy, only {sorted(scores)}",
             "keep the metric BinaryAccuracy(threshold=0.0, name=\"accuracy\")")
    for name, value in accuracies.items():
        if same(value, right, rtol=0, atol=1e-6):
            continue
        mistakes = [
            Mistake(np.mean((z2 > 0.5) == Y_SMALL), f"the metric {name!r} cuts the logit at 0.5 (the \"accuracy\" "
                    f"trap) {where}", "for logits, measure accuracy with BinaryAccuracy(threshold=0.0)"),
        ]
        diagnose(value, mistakes, f"the right accuracy is {right:.4f}", rtol=0, atol=1e-6)
        fail(f"the metric {name!r} is {number(value)} {where}; the right accuracy is {right:.4f}",
             "for logits, measure accuracy with BinaryAccuracy(threshold=0.0)")
    return (f"compile_logit_model now gives the cross-entropy of the logits ({exact:.4f}) and the accuracy at "
            f"z2 > 0 ({right:.4f}) {where}")
