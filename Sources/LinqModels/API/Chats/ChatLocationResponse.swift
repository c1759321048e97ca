public import Foundation

/// The answer to `GET /v3/chats/{chatId}/location`: a GeoJSON FeatureCollection in Linq's wrapper.
///
/// ```swift
/// for feature in response.data.features {
///     print(feature.properties.handle, feature.geometry.latitude ?? 0, feature.geometry.longitude ?? 0)
/// }
/// ```
public struct ChatLocationResponse: Codable, Hashable, Sendable {
    /// `true` on success.
    public var success: Bool
    /// One feature per participant sharing their location; empty when nobody is.
    public var data: FeatureCollection

    /// Creates a response.
    public init(success: Bool = true, data: FeatureCollection) {
        self.success = success
        self.data = data
    }

    enum CodingKeys: String, CodingKey { case success, data }

    /// A GeoJSON FeatureCollection.
    public struct FeatureCollection: Codable, Hashable, Sendable {
        /// Always `FeatureCollection`.
        public var type: String
        /// The features.
        public var features: [Feature]

        /// Creates a collection.
        public init(type: String = "FeatureCollection", features: [Feature]) {
            self.type = type
            self.features = features
        }

        enum CodingKeys: String, CodingKey { case type, features }
    }

    /// One participant's last known position.
    public struct Feature: Codable, Hashable, Sendable {
        /// Always `Feature`.
        public var type: String
        /// The position.
        public var geometry: Point
        /// Who is sharing, and where that is.
        public var properties: Properties

        /// Creates a feature.
        public init(type: String = "Feature", geometry: Point, properties: Properties) {
            self.type = type
            self.geometry = geometry
            self.properties = properties
        }

        enum CodingKeys: String, CodingKey { case type, geometry, properties }
    }

    /// A GeoJSON point: `coordinates` is `[longitude, latitude]` (possibly with altitude).
    public struct Point: Codable, Hashable, Sendable {
        /// Always `Point`.
        public var type: String
        /// `[longitude, latitude]`.
        public var coordinates: [Double]

        /// Creates a point.
        public init(type: String = "Point", coordinates: [Double]) {
            self.type = type
            self.coordinates = coordinates
        }

        /// A point at a longitude and latitude.
        public init(longitude: Double, latitude: Double) {
            self.init(coordinates: [longitude, latitude])
        }

        /// The longitude, when present.
        public var longitude: Double? { coordinates.first }
        /// The latitude, when present.
        public var latitude: Double? { coordinates.count > 1 ? coordinates[1] : nil }

        enum CodingKeys: String, CodingKey { case type, coordinates }
    }

    /// Details of a shared position.
    public struct Properties: Codable, Hashable, Sendable {
        /// The sharing participant's handle.
        public var handle: String
        /// A street address, when Linq has one.
        public var address: String?
        /// The town or city.
        public var locality: String?
        /// When the position was last updated.
        public var updatedAt: Date?

        /// Creates properties.
        public init(handle: String, address: String? = nil, locality: String? = nil, updatedAt: Date? = nil) {
            self.handle = handle
            self.address = address
            self.locality = locality
            self.updatedAt = updatedAt
        }

        enum CodingKeys: String, CodingKey {
            case handle, address, locality
            case updatedAt = "updated_at"
        }
    }
}
