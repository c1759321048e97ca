/// Where a sticker sits on a message bubble; omitted fields keep Linq's defaults or current values.
public struct StickerPlacement: Codable, Hashable, Sendable {
    /// Horizontal position, -1 (left edge) to 1 (right edge).
    public var x: Double?
    /// Vertical position, -1 (top) to 1 (bottom).
    public var y: Double?
    /// Size, clamped to 0.05–2.5 (default 1 for images, 0.5 for emoji).
    public var scale: Double?
    /// Rotation in degrees, clockwise.
    public var rotation: Double?

    /// Creates a placement.
    public init(x: Double? = nil, y: Double? = nil, scale: Double? = nil, rotation: Double? = nil) {
        self.x = x
        self.y = y
        self.scale = scale
        self.rotation = rotation
    }

    enum CodingKeys: String, CodingKey { case x, y, scale, rotation }
}
