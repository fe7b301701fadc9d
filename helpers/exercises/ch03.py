"""Checks for the exercises of chapter 03 (the network in Keras).

TensorFlow is imported only inside the check that needs it, so importing this
module stays quick.
"""

from __future__ import annotations

import numpy as np

from helpers.exercises import Mistake
from helpers.exercises import NotAttempted
from helpers.exercises import as_floats
from helpers.exercises import as_number
from helpers.exercises import ask
from helpers.exercises import diagnose
from helpers.exercises import exercise
from helpers.exercises import fail
from helpers.exercises import given
from helpers.exercises import number
from helpers.exercises import same
from helpers.exercises import short
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
    from helpers.keras_models import dense_network
    from helpers.keras_models import keras
    from helpers.keras_models import tf
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


# Worked examples for collapsing a stack of linear Dense layers: [W1, b1, W2, b2, ...] as Keras' get_weights() gives.
# A 2-2-1 stack with a nonzero first bias, a 2-3-2-1 stack (three layers) and a single 3-2 layer; no two
# numbers alike, so a kernel used in the wrong place or a bias left out changes the answer.
STACKS = {
    "2-2-1": [np.array([[1.0, -2.0], [0.5, 3.0]]), np.array([0.5, -1.0]), np.array([[2.0], [-1.5]]), np.array([0.25])],
    "2-3-2-1": [np.array([[0.3, -1.2, 0.8], [1.1, 0.4, -0.6]]), np.array([0.2, -0.7, 0.9]),
                np.array([[1.5, -0.4], [0.6, 0.9], [-1.3, 0.7]]), np.array([-0.3, 0.45]),
                np.array([[0.8], [-1.6]]), np.array([0.15])],
    "3-2": [np.array([[0.9, -0.5], [0.2, 1.4], [-1.1, 0.3]]), np.array([0.35, -0.25])],
}


def stack_output(weights: list[np.ndarray], X: np.ndarray) -> np.ndarray:
    """The output of a stack of Dense layers with no activation: x W1 + b1, then times W2 plus b2, and so on."""
    out = X
    for W, b in zip(weights[0::2], weights[1::2]):
        out = out @ W + b
    return out


def collapsed(weights: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The one layer a stack of linear layers amounts to, read off the stack's outputs.

    The output is linear in x, so the bias is the output at x = 0, and row i of
    the kernel is how much the output changes when x_i goes from 0 to 1.
    """
    n_inputs = weights[0].shape[0]
    b = stack_output(weights, np.zeros((1, n_inputs)))[0]
    return stack_output(weights, np.eye(n_inputs)) - b, b


def wrong_collapses(weights: list[np.ndarray]) -> tuple[list[Mistake], list[Mistake]]:
    """The known mistakes of collapse on one stack: those of the kernel, then those of the bias."""
    kernels, biases = weights[0::2], weights[1::2]
    W, _ = collapsed(weights)
    first_only = biases[0]  # b1 through all the later kernels, the later biases left out
    for W_next in kernels[1:]:
        first_only = first_only @ W_next
    next_only = sum(b @ W_next for b, W_next in zip(biases[:-1], kernels[1:])) + biases[-1]
    kernel_mistakes = [
        Mistake(W.T, "the kernel is transposed",
                "a Dense kernel has one row per input and one column per output: W1 @ W2 has shape (inputs, outputs)"),
    ]
    if len(kernels) == 2:  # W1 * W2 broadcasts for the 2-2-1 stack, in two ways
        says = "the kernel multiplies W1 and W2 element by element"
        hint = "a layer after a layer is a matrix product, W1 @ W2, not W1 * W2"
        kernel_mistakes += [Mistake(kernels[0] * kernels[1], says, hint),
                            Mistake(kernels[0] * kernels[1].T, says, hint)]
    bias_mistakes = [
        Mistake(biases[-1], "the bias is the last layer's bias only",
                "the earlier biases go through the later layers too: b1 comes out of layer 2 as b1 @ W2"),
        Mistake(first_only, "the bias is the first layer's bias, passed through the later kernels, with the later "
                "layers' own biases left out", "each layer adds its bias after its kernel: b = b @ W_next + b_next"),
        Mistake(next_only, "each bias goes only through the next layer's kernel, not through all the kernels after it",
                "carry the bias along: after each layer, b = b @ W_next + b_next"),
    ]
    if len(biases) == 2:  # b1 + b2 broadcasts for the 2-2-1 stack
        bias_mistakes.append(Mistake(biases[0] + biases[1], "the bias adds the layers' biases, b1 + b2",
                                     "b1 comes out of layer 2 as b1 @ W2: the bias is b1 @ W2 + b2"))
    return kernel_mistakes, bias_mistakes


WRONG_ORDER = Mistake(
    lambda error: isinstance(error, ValueError) and "matmul" in str(error),
    "a matrix product of mismatched shapes: the kernels must multiply in the order of the layers",
    "x goes through W1 first: W1 @ W2 (shapes (2, 2) @ (2, 1)), not W2 @ W1")
ONE_LAYER = Mistake(
    lambda error: isinstance(error, IndexError),
    "collapse reads past the end of weights: it expects two layers or more",
    "start from W, b = weights[0], weights[1] and loop over the layers after them; a single layer is its own answer")
TWO_LAYERS_ONLY = Mistake(
    lambda error: isinstance(error, ValueError) and "unpack" in str(error),
    "collapse unpacks a fixed number of arrays: it handles two layers only",
    "loop over the layers in pairs: for W_next, b_next in zip(weights[2::2], weights[3::2])")


@exercise("write collapse in the cell above")
def check_collapse(collapse) -> str:
    """A stack of Dense layers without activations is one Dense layer: kernel W1 W2 ..., bias passed along."""
    if collapse is None or collapse is Ellipsis:
        raise NotAttempted
    rows = np.random.default_rng(3).normal(size=(5, 3))
    for name, stack in STACKS.items():
        W, b = collapsed(stack)  # the reference, before the learner's code runs
        shapes = ", ".join(str(part.shape) for part in stack)
        call = f"collapse(weights) on a {name} stack (shapes {shapes})"
        weights = [part.copy() for part in stack]
        got = ask(collapse, weights, call=call, crashes=[WRONG_ORDER, TWO_LAYERS_ONLY, ONE_LAYER])
        if any(not np.array_equal(part, original) for part, original in zip(weights, stack)):
            fail(f"{call} changed the arrays it was given",
                 "build new arrays (W = W @ W_next, b = b @ W_next + b_next) instead of changing them in place (+=)")
        if not isinstance(got, tuple | list) or len(got) != 2:
            fail(f"{call} returned {type(got).__name__} {short(got)}, not two arrays (kernel, bias)",
                 "return W, b")
        kernel_mistakes, bias_mistakes = wrong_collapses(stack)
        parts = {  # the part, what it should be, its known mistakes, what its shape means, and two hints
            "kernel": (got[0], W, kernel_mistakes, "(inputs, outputs)",
                       "multiply the kernels in the order of the layers: W1 @ W2 @ ...",
                       "the kernel of the stack is the product of its kernels, W1 @ W2 @ ..."),
            "bias": (got[1], b, bias_mistakes, "one number per output",
                     "pass the bias on layer by layer: b = b @ W_next + b_next keeps one number per unit",
                     "the bias is what the stack outputs at x = 0: b1, then b1 @ W2 + b2, and so on"),
        }
        got_parts = [as_floats(part, f"the {name} from {call}", "numbers") for name, (part, *_) in parts.items()]
        kernel, bias = got_parts
        for value, (name, (_, expected, mistakes, meaning, shape_hint, rule)) in zip(got_parts, parts.items()):
            if same(value, expected):
                continue
            diagnose(value, mistakes, f"{call}: expected shape {expected.shape}, {short(expected.round(4).tolist())}; "
                     f"got shape {value.shape}, {short(value.round(4).tolist())}")
            if value.shape != expected.shape:
                fail(f"the {name} from {call} has shape {value.shape}; expected {expected.shape}, {meaning}",
                     shape_hint)
            fail(f"the {name} from {call} is {short(value.round(4).tolist())}; expected "
                 f"{short(expected.round(4).tolist())}", rule)
        X = rows[:, : stack[0].shape[0]]
        if not same(X @ kernel + bias, stack_output(stack, X)):  # a safeguard: the two must agree if W and b do
            fail(f"x W + b from {call} differs from the stack's output on 5 random rows")
    return ("collapse turns a 2-2-1, a 2-3-2-1 and a single 3-2 stack into one Dense layer: the expected kernel "
            "and bias each time, and x W + b equals the stack's output on 5 random rows")
