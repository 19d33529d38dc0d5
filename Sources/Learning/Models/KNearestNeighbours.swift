/// k-nearest-neighbour regression: the mean (or inverse-distance-weighted mean) of the k closest
/// training targets, by Euclidean or Manhattan distance on standardised features. Ties in distance keep
/// the earlier training row, so predictions are deterministic.
public enum KNearestNeighbours: Regressor {
  public static let name = "knn"

  public static let hyperparameterSpace = HyperparameterSpace([
    .init("k", .integer(lower: 1, upper: 30, logarithmic: true)),
    // 0: uniform mean; 1: weights 1/distance.
    .init("distance_weighted", .choice([0, 1])),
    // Minkowski exponent: 1 Manhattan, 2 Euclidean.
    .init("p", .choice([1, 2])),
  ])

  public static let defaultHyperparameters = Hyperparameters(["k": 5, "distance_weighted": 1, "p": 2])

  public static var minimumSamples: Int { 1 }

  public struct Model: FittedRegressor {
    let training: FeatureMatrix
    let targets: [Double]
    let k: Int
    let distanceWeighted: Bool
    let manhattan: Bool

    public func predict(_ features: FeatureMatrix) -> [Double] {
      var distances = [(distance: Double, index: Int)](repeating: (0, 0), count: training.rowCount)
      return (0..<features.rowCount).map { r in
        let query = features.row(r)
        for t in 0..<training.rowCount {
          var sum = 0.0
          for (a, b) in zip(query, training.row(t)) {
            sum += manhattan ? abs(a - b) : (a - b) * (a - b)
          }
          distances[t] = (manhattan ? sum : sum.squareRoot(), t)
        }
        let nearest = distances.sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.index < $1.index }
          .prefix(k)
        if distanceWeighted {
          if let exact = nearest.first(where: { $0.distance == 0 }) {
            // A query that coincides with training rows takes their mean, not an infinite weight.
            let coincident = nearest.filter { $0.distance == exact.distance }
            return coincident.reduce(0) { $0 + targets[$1.index] } / Double(coincident.count)
          }
          var weighted = 0.0, total = 0.0
          for neighbour in nearest {
            weighted += targets[neighbour.index] / neighbour.distance
            total += 1 / neighbour.distance
          }
          return weighted / total
        }
        return nearest.reduce(0) { $0 + targets[$1.index] } / Double(nearest.count)
      }
    }
  }

  public static func fit(features: FeatureMatrix, targets: [Double], hyperparameters: Hyperparameters,
                         seed: UInt64) throws(LearningError) -> Model {
    let k = hyperparameters.integer("k", default: 5)
    guard k >= 1 else { throw .invalidHyperparameter(model: name, name: "k", value: Double(k)) }
    return Model(training: features, targets: targets, k: min(k, features.rowCount),
                 distanceWeighted: hyperparameters.value("distance_weighted", default: 1) != 0,
                 manhattan: hyperparameters.value("p", default: 2) == 1)
  }
}
