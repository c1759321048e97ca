/// A MIME type Linq accepts for uploads (`SupportedContentType`).
///
/// Linq converts some on send (TIFF to JPEG, CAF to audio/mp4) and accepts a few deprecated
/// aliases. Unknown values are kept so new types decode.
public struct AttachmentContentType: LinqStringValue {
    /// The raw value as Linq spells it.
    public let rawValue: String
    /// Wraps a raw value.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `image/jpeg`
    public static let jpeg = Self(rawValue: "image/jpeg")
    /// `image/png`
    public static let png = Self(rawValue: "image/png")
    /// `image/gif`
    public static let gif = Self(rawValue: "image/gif")
    /// `image/heic`
    public static let heic = Self(rawValue: "image/heic")
    /// `image/heif`
    public static let heif = Self(rawValue: "image/heif")
    /// `image/tiff` (sent as JPEG)
    public static let tiff = Self(rawValue: "image/tiff")
    /// `image/bmp`
    public static let bmp = Self(rawValue: "image/bmp")
    /// `image/svg+xml` (listed by Linq, but documented as rejected)
    public static let svg = Self(rawValue: "image/svg+xml")
    /// `image/webp` (listed by Linq, but documented as rejected)
    public static let webp = Self(rawValue: "image/webp")
    /// `image/x-icon`
    public static let icon = Self(rawValue: "image/x-icon")
    /// `video/mp4`
    public static let mp4 = Self(rawValue: "video/mp4")
    /// `video/quicktime`
    public static let quickTime = Self(rawValue: "video/quicktime")
    /// `video/mpeg`
    public static let mpegVideo = Self(rawValue: "video/mpeg")
    /// `video/mpeg2`
    public static let mpeg2Video = Self(rawValue: "video/mpeg2")
    /// `video/x-m4v`
    public static let m4v = Self(rawValue: "video/x-m4v")
    /// `video/x-msvideo`
    public static let avi = Self(rawValue: "video/x-msvideo")
    /// `video/3gpp`
    public static let threeGPP = Self(rawValue: "video/3gpp")
    /// `audio/mpeg`
    public static let mpegAudio = Self(rawValue: "audio/mpeg")
    /// `audio/mp3` (deprecated alias)
    public static let mp3 = Self(rawValue: "audio/mp3")
    /// `audio/x-m4a`
    public static let m4a = Self(rawValue: "audio/x-m4a")
    /// `audio/mp4` (deprecated alias)
    public static let mp4Audio = Self(rawValue: "audio/mp4")
    /// `audio/x-caf` (sent as audio/mp4)
    public static let caf = Self(rawValue: "audio/x-caf")
    /// `audio/x-wav`
    public static let wav = Self(rawValue: "audio/x-wav")
    /// `audio/x-aiff`
    public static let aiff = Self(rawValue: "audio/x-aiff")
    /// `audio/aiff` (deprecated alias)
    public static let aiffAlias = Self(rawValue: "audio/aiff")
    /// `audio/aac`
    public static let aac = Self(rawValue: "audio/aac")
    /// `audio/midi`
    public static let midi = Self(rawValue: "audio/midi")
    /// `audio/amr`
    public static let amr = Self(rawValue: "audio/amr")
    /// `application/pdf`
    public static let pdf = Self(rawValue: "application/pdf")
    /// `application/vnd.apple.pkpass`
    public static let pkpass = Self(rawValue: "application/vnd.apple.pkpass")
    /// `text/plain`
    public static let plainText = Self(rawValue: "text/plain")
    /// `text/markdown`
    public static let markdown = Self(rawValue: "text/markdown")
    /// `text/vcard`
    public static let vCard = Self(rawValue: "text/vcard")
    /// `text/rtf`
    public static let rtf = Self(rawValue: "text/rtf")
    /// `text/csv`
    public static let csv = Self(rawValue: "text/csv")
    /// `text/html`
    public static let html = Self(rawValue: "text/html")
    /// `text/calendar`
    public static let calendar = Self(rawValue: "text/calendar")
    /// `text/xml`
    public static let xml = Self(rawValue: "text/xml")
    /// `application/json`
    public static let json = Self(rawValue: "application/json")
    /// `application/msword`
    public static let doc = Self(rawValue: "application/msword")
    /// `application/vnd.openxmlformats-officedocument.wordprocessingml.document`
    public static let docx = Self(rawValue: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    /// `application/vnd.ms-excel`
    public static let xls = Self(rawValue: "application/vnd.ms-excel")
    /// `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`
    public static let xlsx = Self(rawValue: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    /// `application/vnd.ms-powerpoint`
    public static let ppt = Self(rawValue: "application/vnd.ms-powerpoint")
    /// `application/vnd.openxmlformats-officedocument.presentationml.presentation`
    public static let pptx = Self(rawValue: "application/vnd.openxmlformats-officedocument.presentationml.presentation")
    /// `application/x-iwork-pages-sffpages`
    public static let pages = Self(rawValue: "application/x-iwork-pages-sffpages")
    /// `application/x-iwork-numbers-sffnumbers`
    public static let numbers = Self(rawValue: "application/x-iwork-numbers-sffnumbers")
    /// `application/x-iwork-keynote-sffkey`
    public static let keynote = Self(rawValue: "application/x-iwork-keynote-sffkey")
    /// `application/epub+zip`
    public static let epub = Self(rawValue: "application/epub+zip")
    /// `application/zip`
    public static let zip = Self(rawValue: "application/zip")
    /// `application/x-gzip`
    public static let gzip = Self(rawValue: "application/x-gzip")
}
