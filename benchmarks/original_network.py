"""The loop network of the notebook this series grew from, kept only to time it against the series' networks.

The class below is the original notebook's ``NeuralNetwork``, copied line for
line. Only what the linter requires was changed, none of it code: the trailing
spaces of blank lines and of five code lines are gone and ``class NeuralNetwork():``
lost its empty parentheses. Everything else is as it was, quirks included,
since only its speed is measured: it draws its weights from NumPy's global
generator (seed it with ``np.random.seed`` first), ``fit`` starts from new
weights each time, it needs y as a column (n, 1), it computes the sigmoid
and the cross-entropy on NumPy scalars without guarding against overflow or
log(0), it makes a second pass over the data each epoch for the accuracy and
the cost (the sum of the losses, not their mean), and it prints one line per
epoch. ``benchmarks/training_speed.py`` sends those lines to the null device
and silences NumPy's floating-point warnings while it times it.
"""

import numpy as np


class NeuralNetwork:

    def initialize(self):
        self.w11, self.w12, self.w13, self.w14, self.w21, self.w22, self.b11, self.b12, self.b2 = np.random.randn(9)

    def relu(self, x):
        return np.maximum(x, 0)

    def sigmoid(self, x):
        return 1/(1+np.exp(-x))

    def binary_cross_entropy(self, x, y_true):
        return -(y_true * np.log(x) + (1 - y_true) * np.log(1 - x))

    def derivative_relu(self, x):
        return 1 if x>0 else 0

    def forward_prop(self, x1, x2):
        forward_dict = {}

        # hidden layer
        forward_dict["z11"] = self.w11 * x1 + self.w12 * x2 + self.b11
        forward_dict["z12"] = self.w13 * x1 + self.w14 * x2 + self.b12
        forward_dict["a11"] = self.relu(forward_dict["z11"])
        forward_dict["a12"] = self.relu(forward_dict["z12"])

        # output layer
        forward_dict["z2"] = self.w21 * forward_dict["a11"] + self.w22 * forward_dict["a12"] + self.b2
        forward_dict["a2"] = self.sigmoid(forward_dict["z2"])

        return forward_dict

    def back_prop(self, x1, x2, y_true, forward_dict):
        # gradient will be calculated for each training example and averaged later#

        deriva_dict = {}

        # output layer
        error = forward_dict["a2"] - y_true

        deriva_dict["dloss_dw21"] = forward_dict["a11"] * error
        deriva_dict["dloss_dw22"] = forward_dict["a12"] * error
        deriva_dict["dloss_db2"] = error

        # hidden layer
        dcost_dz11 = self.derivative_relu(forward_dict["z11"]) * self.w21 * error
        dcost_dz12 = self.derivative_relu(forward_dict["z12"]) * self.w22 * error

        deriva_dict["dloss_dw11"] = x1 * dcost_dz11
        deriva_dict["dloss_dw12"] = x2 * dcost_dz11
        deriva_dict["dloss_db11"] = dcost_dz11

        deriva_dict["dloss_dw13"] = x1 * dcost_dz12
        deriva_dict["dloss_dw14"] = x2 * dcost_dz12
        deriva_dict["dloss_db12"] = dcost_dz12

        return deriva_dict

    def get_prob_class(self, x1, x2):
        prob = self.forward_prop(x1, x2)["a2"]
        class_ = self.encode_class(prob)
        return prob, class_

    def encode_class(self, x):
        return 1 if x>0.5 else 0

    def get_accuracy_cost(self, X, y):
        n = X.shape[0]
        n_correct = 0
        cost = 0
        for i in range(n):
            x1, x2 = X[i]
            prediction = self.get_prob_class(x1, x2)
            if prediction[1] == y[i][0]:
                n_correct += 1
            cost += self.binary_cross_entropy(prediction[0], y[i][0])
        return n_correct/n, cost

    def fit(self, X, y, alpha, epochs):
        n, m = X.shape

        self.initialize()
        costs = []

        for i in range(1, epochs+1):
            dcost_dw21 = 0
            dcost_dw22 = 0
            dcost_db2 = 0
            dcost_dw11 = 0
            dcost_dw12 = 0
            dcost_db11 = 0
            dcost_dw13 = 0
            dcost_dw14 = 0
            dcost_db12 = 0

            for j in range(n):
                x1 , x2 = X[j]
                y_true = y[j][0]
                forward_prop = self.forward_prop(x1, x2)
                back_prop = self.back_prop(x1, x2, y_true, forward_prop)

                dcost_dw21 += back_prop["dloss_dw21"]
                dcost_dw22 += back_prop["dloss_dw22"]
                dcost_db2 += back_prop["dloss_db2"]
                dcost_dw11 += back_prop["dloss_dw11"]
                dcost_dw12 += back_prop["dloss_dw12"]
                dcost_db11 += back_prop["dloss_db11"]
                dcost_dw13 += back_prop["dloss_dw13"]
                dcost_dw14 += back_prop["dloss_dw14"]
                dcost_db12 += back_prop["dloss_db12"]

            self.w21 -= alpha*(1/n)*dcost_dw21
            self.w22 -= alpha*(1/n)*dcost_dw22
            self.b2  -= alpha*(1/n)*dcost_db2
            self.w11 -= alpha*(1/n)*dcost_dw11
            self.w12 -= alpha*(1/n)*dcost_dw12
            self.b11 -= alpha*(1/n)*dcost_db11
            self.w13 -= alpha*(1/n)*dcost_dw13
            self.w14 -= alpha*(1/n)*dcost_dw14
            self.b12 -= alpha*(1/n)*dcost_db12

            accuracy, cost = self.get_accuracy_cost(X, y)
            costs.append(cost)

            print(f"epoch: {i}, cost: {cost:.2f}, accuracy: {accuracy*100:.2f}%")
