/// When a schedule fires. Times are whole seconds since 1970-01-01 UTC; every firing
/// falls on a whole minute, EventBridge's precision for schedules.
extension ScheduleExpression {
    /// The first firing strictly after `instant`, or nil when the schedule has no
    /// firing left (a cron whose years have passed).
    ///
    /// A rate counts from `anchor`, the minute its schedule started (AWS: "a rate
    /// expression starts when you create the scheduled event rule"): it fires one
    /// interval after that minute, then every interval. A cron ignores the anchor.
    public func firstFiring(after instant: Int, anchor: Int) -> Int? {
        switch self {
        case .rate(let rate):
            let start = Self.minute(containing: anchor)
            guard instant >= start else { return start + rate.intervalInSeconds }
            return start + ((instant - start) / rate.intervalInSeconds + 1) * rate.intervalInSeconds
        case .cron(let cron):
            return cron.firstFiring(after: instant)
        }
    }

    /// The last firing at or before `instant`, counting from the firing `first`; nil
    /// when `first` comes after `instant`. A schedule that missed several firings
    /// (its server was down) makes only this one.
    public func lastFiring(from first: Int, atOrBefore instant: Int, anchor: Int) -> Int? {
        guard first <= instant else { return nil }
        switch self {
        case .rate(let rate):
            let start = Self.minute(containing: anchor)
            return max(first, start + (instant - start) / rate.intervalInSeconds * rate.intervalInSeconds)
        case .cron:
            var last = first
            while let next = firstFiring(after: last, anchor: anchor), next <= instant { last = next }
            return last
        }
    }

    /// The whole minute that `instant` falls in.
    public static func minute(containing instant: Int) -> Int {
        instant - ((instant % 60) + 60) % 60
    }
}

extension CronExpression {
    func firstFiring(after instant: Int) -> Int? {
        let start = ScheduleExpression.minute(containing: instant) + 60
        var dayNumber = start >= 0 ? start / 86_400 : (start - 86_399) / 86_400
        var firstMinute = (start - dayNumber * 86_400) / 60
        while true {
            let date = CivilDate(daysSinceEpoch: dayNumber)
            guard date.year <= CronField.Kind.years.range.upperBound else { return nil }
            if !years.matches(date.year, in: .years) {
                dayNumber = CivilDate(year: date.year + 1, month: 1, day: 1).daysSinceEpoch
            } else if !months.matches(date.month, in: .months) {
                dayNumber = date.nextMonth.daysSinceEpoch
            } else {
                if matchesDay(date), let minuteOfDay = firstTime(from: firstMinute) {
                    return dayNumber * 86_400 + minuteOfDay * 60
                }
                dayNumber += 1
            }
            firstMinute = 0
        }
    }

    /// Exactly one of the two day fields is `?`; the other decides.
    private func matchesDay(_ date: CivilDate) -> Bool {
        daysOfMonth.isUnspecified ? daysOfWeek.matchesDayOfWeek(date) : daysOfMonth.matchesDayOfMonth(date)
    }

    /// The first minute of the day, from `minuteOfDay` on, that the hours and minutes allow.
    private func firstTime(from minuteOfDay: Int) -> Int? {
        for hour in (minuteOfDay / 60)...23 where hours.matches(hour, in: .hours) {
            let firstMinute = hour == minuteOfDay / 60 ? minuteOfDay % 60 : 0
            for minute in firstMinute...59 where minutes.matches(minute, in: .minutes) {
                return hour * 60 + minute
            }
        }
        return nil
    }
}

extension CronField {
    func matches(_ value: Int, in kind: Kind) -> Bool {
        terms.contains { term in
            switch term {
            case .every(let step): (value - kind.range.lowerBound) % step == 0
            case .range(let range, let step): range.contains(value) && (value - range.lowerBound) % step == 0
            case .lastDayOfMonth, .lastWeekday, .nearestWeekday, .nthWeekday: false
            }
        }
    }

    func matchesDayOfMonth(_ date: CivilDate) -> Bool {
        terms.contains { term in
            switch term {
            case .lastDayOfMonth: date.day == date.daysInMonth
            case .nearestWeekday(let day): date.day == Self.weekdayNearest(day, inMonthOf: date)
            default: matches(date.day, in: .daysOfMonth)
            }
        }
    }

    func matchesDayOfWeek(_ date: CivilDate) -> Bool {
        terms.contains { term in
            switch term {
            case .lastWeekday(let weekday): date.weekday == weekday && date.day + 7 > date.daysInMonth
            case .nthWeekday(let weekday, let nth): date.weekday == weekday && (date.day - 1) / 7 + 1 == nth
            default: matches(date.weekday, in: .daysOfWeek)
            }
        }
    }

    /// `nW`: the weekday (Monday to Friday) nearest day n, never leaving the month;
    /// nil when the month has no day n.
    static func weekdayNearest(_ day: Int, inMonthOf date: CivilDate) -> Int? {
        guard day <= date.daysInMonth else { return nil }
        switch CivilDate(year: date.year, month: date.month, day: day).weekday {
        case 7: return day == 1 ? day + 2 : day - 1
        case 1: return day == date.daysInMonth ? day - 2 : day + 1
        default: return day
        }
    }
}
