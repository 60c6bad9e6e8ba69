import EventTransforms
import Foundation

extension Target {
    /// What this target receives for an event one of its rule's patterns matched.
    /// A bus receives the event itself, whatever the target's input settings.
    func input(forEvent text: String, ruleArn: String, ingestionTime: Date) throws(DeliveryFailure) -> String {
        if destination?.kind == .eventBus { return text }
        // Rule names never contain `/`, so the name is what follows the ARN's last one.
        let ruleName = ruleArn.lastIndex(of: "/").map { String(ruleArn[ruleArn.index(after: $0)...]) } ?? ruleArn
        let event = MatchedEvent(
            text: text, ruleArn: ruleArn, ruleName: ruleName, ingestionTime: EventEnvelope.timestamp(ingestionTime))
        do {
            return try TargetInput(input: input, inputPath: inputPath, inputTransformer: inputTransformer).render(event)
        } catch let failure as TransformFailure {
            throw DeliveryFailure(code: "INVALID_JSON", message: failure.description, isRetryable: false)
        } catch {
            throw DeliveryFailure(code: "INVALID_PARAMETER", message: "The target's input path is not valid.", isRetryable: false)
        }
    }
}
