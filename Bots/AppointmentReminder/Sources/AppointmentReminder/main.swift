// AppointmentReminder: reminds people of their appointments and takes their confirmation,
// cancellation or new time. Appointments come from business code through the admin API, and in
// local mode also from a demo file.
//
//     LINQBOT_ADMIN_TOKEN=$(openssl rand -hex 32) swift run AppointmentReminder

import AppointmentReminderKit
import Foundation
import LinqBot
import LinqBotHost

let environment = ProcessInfo.processInfo.environment
do {
    let host = try BotHost.Configuration.fromEnvironment(environment)
    let reminder = makeAppointmentReminder(try AppointmentReminderConfiguration.fromEnvironment(environment), slots: DemoSlots())
    var demo: (DemoAppointments, line: String)?
    if case .local(let lines, _) = host.mode {
        let path = environment["LINQBOT_APPOINTMENTS_FILE"] ?? "Bots/AppointmentReminder/demo-appointments.json"
        if FileManager.default.fileExists(atPath: path), let line = lines.first {
            demo = (try DemoAppointments(contentsOf: path, now: Date()), line)
        }
    }
    let booking = demo
    await BotHost.runOrExit(reminder.bot, configuration: host) { app in
        guard let (appointments, line) = booking else { return }
        for error in await appointments.book(with: reminder, app: app, line: line) {
            FileHandle.standardError.write(Data("appointment-reminder: a demo appointment was not booked: \(error)\n".utf8))
        }
    }
} catch {
    FileHandle.standardError.write(Data("appointment-reminder: \(error)\n".utf8))
    exit(1)
}
