"""Checks for the exercises of chapter 03 (the network in Keras).

TensorFlow is imported only inside the check that needs it, so importing this
module stays quick.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.exercises import SECONDS
from helpers.exercises import Mistake
from helpers.exercises import NotAttempted
from helpers.exercises import TooSlow
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
from helpers.exercises import time_limit
from helpers.parameters import PARAMETERS
from helpers.vectorized import binary_cross_entropy


def dense_parameters(sizes: list[int]) -> int:
    """Weights and biases of a stack of Dense layers: n_in * n_out + n_out per layer."""
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))


@exercise("set my_prediction to a whole number")
def check_parameter_count(my_prediction) -> str:
    """The parameters of a 2-16-16-1 network of Dense layers: (2 * 16 + 16) + (16 * 16 + 16) + (16 * 1 + 1) = 337.

    Only the exact count passes: a count is a whole number, and every plausible slip changes it.
    """
    guess = as_number(given(my_prediction), "my_prediction")
    truth = dense_parameters([2, 16, 16, 1])
    why = "2 x 16 + 16, then 16 x 16 + 16, then 16 x 1 + 1: weights plus one bias per unit, layer by layer"
    if same(guess, truth, rtol=0, atol=0):
        return f"you predicted {guess:,.0f}; a 2-16-16-1 network has {truth:,} parameters: {why}"
    predicted = f"you predicted {number(guess)}, which counts"
    mistakes = [
        Mistake(2 * 16 + 16 * 16 + 16 * 1, f"{predicted} the weights only",
                "every unit of a Dense layer also has a bias"),
        Mistake(2 * 16 + 16 + 16 * 1 + 1, f"{predicted} one hidden layer only",
                "there are two hidden layers of 16: three Dense layers"),
        Mistake(2 * 16 + 2 + 16 * 16 + 16 + 16 * 1 + 16, f"{predicted} one bias per input instead of one per unit",
                "a bias belongs to a unit: a Dense layer of 16 units has 16 biases, whatever its inputs"),
        Mistake(2 * 16 + 16 * 16 + 16 * 1 + 2 + 16 + 16 + 1, f"{predicted} a bias for the inputs too",
                "the inputs are numbers given to the network, not units: they have no bias"),
        Mistake(2 + 16 + 16 + 1, f"{predicted} the units, not the parameters",
                "each unit has one weight per input, plus a bias"),
        Mistake(2 * 16 * 16 * 1, f"{predicted} a product of all the sizes",
                "each layer connects only to the next: add the layers"),
    ]
    diagnose(guess, mistakes, f"it is {truth:,} ({why})", rtol=0, atol=0)
    if not float(guess).is_integer():
        fail(f"you predicted {number(guess)}: a count of parameters is a whole number",
             "count, for each Dense layer, inputs x units weights plus one bias per unit")
    fail(f"you predicted {guess:,.0f}; it is {truth:,}: {why}",
         "count, for each Dense layer, inputs x units weights plus one bias per unit; "
         "the 2-2-1 network has 2 x 2 + 2 + 2 x 1 + 1 = 9")


def name_the_slip(answers: list[tuple], hint: str, rtol: float = 1e-9, atol: float = 1e-12) -> None:
    """Fail on the first case answered wrong, naming the known mistake that explains every case if there is one.

    ``answers`` holds, per case, (the learner's answer, the right one, what to show, the known mistakes on that
    case, in the same order for every case). A slip can give the right number on one case by chance, or the
    number of another slip; the one that fits all the cases is the learner's.
    """
    wrong = [answer for answer in answers if not same(answer[0], answer[1], rtol, atol)]
    if not wrong:
        return
    got, _, shown, mistakes = wrong[0]
    for k, mistake in enumerate(mistakes):
        if all(case_mistakes[k].fits(case_got, rtol, atol) for case_got, _, _, case_mistakes in answers):
            fail(f"{mistake.says}: {shown}", mistake.hint)
    diagnose(got, mistakes, shown, rtol, atol)
    fail(shown, hint)


# Stacks of Dense layers for n_parameters, sizes from input to output: deep and shallow, wide and narrow, no
# two alike, so that a count hard-coded for one network, or one that drops a layer or a bias, fails on some.
ARCHITECTURES = [[3, 5, 2], [2, 16, 16, 1], [64, 128, 10], [7, 1], [5, 4, 3, 2, 1], [1, 1], [10, 7, 7, 7, 3],
                 [4, 50, 2], [2, 2, 1]]


def wrong_counts(sizes: list[int]) -> list[Mistake]:
    """The known slips of counting the parameters of one stack, each as the number it gives."""
    layers = list(zip(sizes[:-1], sizes[1:]))
    weights = sum(n_in * n_out for n_in, n_out in layers)
    return [
        Mistake(weights, "counts the weights only", "every unit of a Dense layer also has a bias: + n_out per layer"),
        Mistake(weights + sum(n_in for n_in, _ in layers), "counts one bias per input instead of one per unit",
                "a bias belongs to a unit: a layer of n_out units has n_out biases"),
        Mistake(weights + sum(sizes), "counts a bias for the inputs too",
                "the inputs are numbers given to the network, not units: only the layers' units have biases"),
        Mistake(weights + len(layers), "counts one bias per layer instead of one per unit",
                "each unit has its own bias: + n_out per layer"),
        Mistake(dense_parameters(sizes[:-1]), "leaves out the last layer",
                "pair each size with the next one, up to the output: zip(sizes[:-1], sizes[1:])"),
        Mistake(dense_parameters(sizes[1:]), "leaves out the first layer (the one that reads the inputs)",
                "the first Dense layer has sizes[0] x sizes[1] weights: start the pairs at sizes[0]"),
        Mistake(sum(sizes[1:]), "counts the units, not the parameters",
                "each unit has one weight per input, plus a bias"),
        Mistake(math.prod(sizes), "multiplies all the sizes", "each layer connects only to the next: add the layers"),
    ]


FIXED_DEPTH = [
    Mistake(lambda error: isinstance(error, ValueError) and "unpack" in str(error),
            "n_parameters unpacks a fixed number of sizes: it handles one depth only",
            "loop over the pairs of neighbouring sizes, whatever their number: zip(sizes[:-1], sizes[1:])"),
    Mistake(lambda error: isinstance(error, IndexError),
            "n_parameters reads a size past the end of the list: it expects more layers than this stack has",
            "loop over the pairs of neighbouring sizes, whatever their number: zip(sizes[:-1], sizes[1:])"),
]


@exercise("write n_parameters in the cell above")
def check_n_parameters(n_parameters) -> str:
    """The parameter count of any stack of Dense layers, on stacks of one to four layers."""
    answers = []
    for sizes in ARCHITECTURES:
        truth = dense_parameters(sizes)  # the reference, before the learner's code runs
        call = f"n_parameters({sizes})"
        got = ask(n_parameters, list(sizes), call=call, crashes=FIXED_DEPTH)
        if isinstance(got, list | tuple | np.ndarray) and np.size(got) > 1:
            parts = as_floats(got, f"what {call} returned", "numbers")
            if parts.ndim == 1 and same(parts.sum(), truth):
                fail(f"{call} returned one count per layer, {short(got)}, not the total",
                     "add the layers' counts up: sum(...)")
            fail(f"{call} returned {type(got).__name__} {short(got)}, not one number",
                 "return one whole number, the total over all the layers")
        as_number(got, f"what {call} returned")  # a number, or a diagnosis; compared as it came (float32 too)
        mistakes = [Mistake(m.answer, f"{call} {m.says}", m.hint) for m in wrong_counts(sizes)]
        answers.append((got, truth, f"{call} is {truth:,}; yours gives {number(as_number(got, call))}", mistakes))
    name_the_slip(answers, "each Dense layer has n_in x n_out weights and n_out biases; add them over the pairs "
                           "of neighbouring sizes", rtol=0, atol=0)
    return (f"n_parameters gives the right count for all {len(ARCHITECTURES)} stacks tried, from one layer "
            "([7, 1]: 8) to four ([5, 4, 3, 2, 1]: 50) and up to 9,610 parameters ([64, 128, 10])")


# Cases for accuracy_from_logits: logits as Keras returns them (one row per tumour, shape (n, 1)) and 0/1 labels.
# The worked example: eight tumours, one logit exactly 0 and two between 0 and 0.5; then cases that differ in
# every way: other lengths, other labels, float64 logits, a logit of exactly 0.5, labels that are mostly 0.
LOGITS = np.array([[-2.0], [0.0], [0.3], [0.8], [1.5], [-0.4], [0.2], [2.5]], dtype="float32")
LABELS = np.array([1, 0, 1, 1, 1, 0, 1, 1])
LOGIT_CASES = [
    (LOGITS, LABELS),
    (np.array([[0.1], [-0.1], [3.0], [0.0], [-2.5]]), np.array([0, 0, 1, 1, 0])),
    (np.array([[0.5], [0.45], [-1.2], [4.0], [-0.3], [0.0], [2.2], [-3.1], [0.05], [1.1], [-0.6], [0.7], [0.0]],
              dtype="float32"),
     np.array([1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0])),
]


def wrong_accuracies(z2: np.ndarray, y: np.ndarray, call: str) -> list[Mistake]:
    """The known slips of accuracy_from_logits on one case, each as the number it gives."""
    z, n = z2[:, 0], len(y)
    right = np.mean((z > 0) == y)
    return [
        Mistake(np.mean((z > 0.5) == y), f"{call} cuts the logit at 0.5, which is Keras' \"accuracy\" trap",
                "a2 > 0.5 is the same as z2 > 0, because sigma(0) = 0.5: compare the logit with 0"),
        Mistake(np.mean((z >= 0) == y), f"{call} calls a tumour with z2 = 0 malignant",
                "z2 = 0 means a2 = 0.5 exactly, which the series calls benign: a strict z2 > 0"),
        Mistake(np.mean((z2 > 0) == y), f"{call} compares a ({n}, 1) column with ({n},) labels: NumPy broadcast "
                f"them to a table of {n} x {n} = {n * n} comparisons",
                "take the column as a flat array first: z2[:, 0] or z2.ravel()"),
        Mistake(right * n, f"{call} returns a count of right answers, not a share",
                "divide by the number of tumours, or use np.mean"),
        Mistake(right * 100, f"{call} returns a percentage, not a share between 0 and 1",
                "leave out the factor 100"),
        Mistake(1 - right, f"{call} returns the share of wrong answers",
                "accuracy is the share of answers that equal the label"),
        Mistake(np.mean((z < 0) == y), f"{call} calls the negative logits malignant",
                "z2 > 0 means malignant (a2 > 0.5)"),
        Mistake(np.mean(z > 0), f"{call} returns the share of tumours called malignant, without the labels",
                "compare each decision with its label, then take the share of matches"),
        Mistake(np.mean(y), f"{call} returns the share of malignant labels: the logits are not used",
                "decide from each logit (z2 > 0), then compare with the label"),
    ]


@exercise("write accuracy_from_logits in the cell above")
def check_accuracy_from_logits(accuracy_from_logits) -> str:
    """The share of rows where (z2 > 0) equals the label, from a column of logits, on three cases."""
    answers = []
    for z2, y in LOGIT_CASES:
        right = np.mean((z2[:, 0] > 0) == y)  # the reference, before the learner's code runs
        logits = ", ".join(f"{v:g}" for v in z2[:, 0])
        call = f"accuracy_from_logits(z2, y) on z2 = [{logits}] (shape {z2.shape}), y = {y.tolist()}"
        got = ask(accuracy_from_logits, z2, y, call=call)
        if np.ndim(got) > 0 and np.size(got) > 1:
            fail(f"{call} returned an array of shape {np.shape(got)}, not one number",
                 "accuracy is one number: the mean of the right/wrong answers, np.mean(...)")
        shown = f"{call}: expected {right:.4f}, got {number(as_number(got, f'the answer of {call}'))}"
        answers.append((got, right, shown,  # got as it came: a float32 answer is compared to float32's precision
                        wrong_accuracies(z2, y, call)))
    name_the_slip(answers, "compare z2 > 0 with y, row by row, and take the mean")
    *first, last = [str(len(y)) for _, y in LOGIT_CASES]
    sizes = f"{', '.join(first)} and {last}"
    return (f"accuracy_from_logits gives the right share on {sizes} tumours (float32 and float64 columns of "
            "logits, some exactly 0, some between 0 and 0.5)")


# Cases for the compile exercise: a 2-2-1 model given nine distinct weights, and tumours to evaluate it on. The first
# has logits near 0 (one in (0, 0.5]), the second logits far from 0, where a logit taken for a probability is clipped.
WEIGHTS = dict(zip(PARAMETERS, [0.7, -1.3, 0.4, 0.9, 1.6, -0.8, 0.1, -0.2, 0.05]))
X_SMALL = np.array([[1.0, 0.5], [-1.0, 1.0], [0.5, -0.5], [2.0, 1.0], [0.0, 0.3], [-0.5, -1.0], [1.5, -0.2],
                    [0.2, 0.1]])
Y_SMALL = np.array([0, 0, 1, 1, 0, 1, 1, 1])
COMPILE_CASES = [
    (WEIGHTS, X_SMALL, Y_SMALL),
    (dict(zip(PARAMETERS, [-1.1, 2.2, 1.7, 0.6, -2.4, 1.9, 0.3, 0.5, -0.4])),
     np.random.default_rng(7).normal(size=(12, 2)) * 1.5, np.array([1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0])),
]
ARGUMENTS = ("loss", "optimizer", "metrics")


def planted_compile(model) -> None:
    """The compile call of the exercise as it is handed out, planted mistake included (from_logits=False)."""
    from helpers.keras_models import keras

    model.compile(
        loss=keras.losses.BinaryCrossentropy(from_logits=False),
        optimizer=keras.optimizers.Adam(learning_rate=0.01),
        metrics=[keras.metrics.BinaryAccuracy(threshold=0.0, name="accuracy")],
    )


def compiled_arguments(model) -> dict:
    """The loss, optimizer and metrics a compiled model was given, as Keras describes them (no names)."""
    config = model.get_compile_config() or {}

    def unnamed(value):
        if isinstance(value, dict):
            return {k: unnamed(v) for k, v in value.items() if k != "name"}
        if isinstance(value, list | tuple):
            return [unnamed(v) for v in value]
        return value

    return {argument: unnamed(config.get(argument)) for argument in ARGUMENTS}


@exercise("find and fix the planted mistake in compile_logit_model above")
def check_compile_logit_model(compile_logit_model) -> str:
    """The planted mistake: from_logits=False for a model whose output is the logit z2. Nothing else may change."""
    if compile_logit_model is None or compile_logit_model is Ellipsis:
        raise NotAttempted
    from helpers.keras_models import dense_network
    from helpers.keras_models import keras
    from helpers.keras_models import tf
    from helpers.parameters import to_matrices

    tf.get_logger().setLevel("ERROR")  # no notice about retracing when the check runs again

    reference = dense_network([2, 2, 1], output="linear", seed=0)
    planted_compile(reference)
    planted = compiled_arguments(reference)
    # per case: where, the loss, the accuracies, the right loss, the planted bug's loss, the right and the trap's
    # accuracy, and which arguments differ from the planted call's
    results = []
    for weights, X, y in COMPILE_CASES:
        model = dense_network([2, 2, 1], output="linear", seed=0)
        model.set_weights(to_matrices(weights))
        z2 = keras.ops.convert_to_numpy(model(X))[:, 0].astype("float64")  # computed before the learner's code runs
        exact = binary_cross_entropy(z2.reshape(-1, 1), y.reshape(-1, 1))
        # what from_logits=False does to a logit: takes it for a probability, clipped to [1e-7, 1 - 1e-7] in float32
        p = np.clip(z2, float(np.float32(1e-7)), float(np.float32(1) - np.float32(1e-7)))
        as_probability = np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p)))
        where = f"on {len(z2)} tumours with the model's logits from {z2.min():.2f} to {z2.max():.2f}"
        try:
            with time_limit(SECONDS):  # compile is quick: a function that takes longer is stuck in a loop
                compile_logit_model(model)
            scores = model.evaluate(X, y, verbose=0, return_dict=True)
        except TooSlow:
            fail(f"compile_logit_model(model) did not return within {SECONDS:g} s",
                 "look for a loop that never ends; the function needs only one model.compile(...) call")
        except Exception as error:  # the learner's code may fail in any way: name it, show no traceback
            fail(f"compile_logit_model(model), then model.evaluate {where}, raised {type(error).__name__}: {error}",
                 "compile needs a loss, an optimizer and metrics")
        changed = [argument for argument, value in compiled_arguments(model).items() if value != planted[argument]]
        accuracies = {name: value for name, value in scores.items() if "acc" in name}
        results.append((where, scores.get("loss"), accuracies, exact, as_probability, np.mean((z2 > 0) == y),
                        np.mean((z2 > 0.5) == y), changed))
    # Keras computes in float32, so its loss is compared with ours to 1e-4 (relative), not to the last digit
    still_planted = all(loss is not None and same(loss, bug, rtol=1e-4) and not same(loss, exact, rtol=1e-4)
                        for _, loss, _, exact, bug, *_ in results)
    changed = results[0][-1]
    if still_planted and not changed:
        raise NotAttempted
    if still_planted:
        where, loss, _, exact, *_ = results[0]
        still = (f"the loss {where} is still {number(loss)}, the planted bug's number (the logits taken for "
                 f"probabilities); the right cross-entropy is {number(exact)}")
        if "loss" in changed:
            fail(f"you changed the loss, but not its bug: {still}",
                 "the model outputs logits, not probabilities: the loss must be told which it receives")
        fail(f"you changed the {' and the '.join(changed)}, but the bug is elsewhere: {still}",
             f"put the {' and the '.join(changed)} back as {'they were' if len(changed) > 1 else 'it was'}; "
             "then ask what the loss believes the model's output is")
    for where, loss, accuracies, exact, _, right, trap, _ in results:
        if not same(as_number(loss, f"the loss {where}"), exact, rtol=1e-4):
            fail(f"the loss {where} is {number(loss)}; the cross-entropy of these logits is {number(exact)}",
                 "the output unit is linear: the loss must read its output as a logit, not as a probability")
        if not accuracies:
            fail(f"the compiled model reports no accuracy {where}, only its loss",
                 "keep the metric as it was: it was not the bug")
        for name, value in accuracies.items():
            if same(value, right, rtol=0, atol=1e-6):
                continue
            mistakes = [Mistake(trap, f"the metric {name!r} cuts the logit at 0.5 (the \"accuracy\" trap) {where}",
                                "for logits, measure accuracy with BinaryAccuracy(threshold=0.0)")]
            diagnose(value, mistakes, f"the right accuracy is {right:.4f}", rtol=0, atol=1e-6)
            fail(f"the metric {name!r} is {number(value)} {where}; the right accuracy is {right:.4f}",
                 "keep the metric as it was: BinaryAccuracy(threshold=0.0) was right")
    if "optimizer" in changed:
        fail("the loss is right now, but you also changed the optimizer, which was not the bug",
             "put the optimizer back as it was: Adam with learning rate 0.01")
    where, _, _, exact, _, right, *_ = results[0]
    return (f"compile_logit_model now gives the cross-entropy of the logits ({exact:.4f}) and the accuracy at "
            f"z2 > 0 ({right:.4f}) {where}, and the same on a second model whose logits are far from 0")


# Worked examples for collapsing a stack of linear Dense layers: [W1, b1, W2, b2, ...] as Keras' get_weights() gives.
# A 2-2-1 stack with a nonzero first bias, a 2-3-2-1 stack (three layers), a single 3-2 layer and a 3-4-2 stack with
# two outputs; no two
# numbers alike, so a kernel used in the wrong place or a bias left out changes the answer.
STACKS = {
    "2-2-1": [np.array([[1.0, -2.0], [0.5, 3.0]]), np.array([0.5, -1.0]), np.array([[2.0], [-1.5]]), np.array([0.25])],
    "2-3-2-1": [np.array([[0.3, -1.2, 0.8], [1.1, 0.4, -0.6]]), np.array([0.2, -0.7, 0.9]),
                np.array([[1.5, -0.4], [0.6, 0.9], [-1.3, 0.7]]), np.array([-0.3, 0.45]),
                np.array([[0.8], [-1.6]]), np.array([0.15])],
    "3-2": [np.array([[0.9, -0.5], [0.2, 1.4], [-1.1, 0.3]]), np.array([0.35, -0.25])],
    "3-4-2": [np.random.default_rng(11).normal(size=shape).round(2) for shape in [(3, 4), (4,), (4, 2), (2,)]],
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


def broadcasts(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether NumPy can combine a and b element by element (so that a slip like W1 * W2 runs at all)."""
    try:
        np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        return False
    return True


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
        kernel_mistakes += [Mistake(kernels[0] * other, says, hint) for other in (kernels[1], kernels[1].T)
                            if broadcasts(kernels[0], other)]
    bias_mistakes = [
        Mistake(biases[-1], "the bias is the last layer's bias only",
                "the earlier biases go through the later layers too: b1 comes out of layer 2 as b1 @ W2"),
        Mistake(first_only, "the bias is the first layer's bias, passed through the later kernels, with the later "
                "layers' own biases left out", "each layer adds its bias after its kernel: b = b @ W_next + b_next"),
        Mistake(next_only, "each bias goes only through the next layer's kernel, not through all the kernels after it",
                "carry the bias along: after each layer, b = b @ W_next + b_next"),
    ]
    if len(biases) == 2 and broadcasts(*biases):  # b1 + b2 broadcasts for the 2-2-1 stack
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
        got = ask(collapse, stack, call=call, crashes=[WRONG_ORDER, TWO_LAYERS_ONLY, ONE_LAYER])  # refuses +=
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
    return ("collapse turns a 2-2-1, a 2-3-2-1, a 3-4-2 and a single 3-2 stack into one Dense layer: the expected "
            "kernel and bias each time, and x W + b equals the stack's output on 5 random rows")
