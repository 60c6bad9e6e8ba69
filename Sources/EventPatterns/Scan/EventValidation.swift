/// What a match may take for granted about an event's bytes.
public enum EventValidation: Sendable {
    /// Nothing: the whole event is read and must be a valid JSON object.
    case full
    /// The event is a valid JSON object whose objects name each member once and
    /// in keys without dots (`JSONValue.hasPlainKeys`), as Switchyard checks when
    /// it accepts an event. A match then reads only as far as the last member a
    /// pattern names, with the same result as reading all of it.
    case alreadyChecked
}
