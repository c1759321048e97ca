import Foundation
import LinqModels

extension JSONValue {
    /// This JSON decoded as `T` (through its encoded form, as a session value is stored).
    func decoded<T: Decodable>(as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(self))
    }
}
