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
    if case .local(let lines, _) = host.mode {
        let path = environment["LINQBOT_APPOINTMENTS_FILE"] ?? "Bots/AppointmentReminder/demo-appointments.json"
        if FileManager.default.fileExists(atPath: path), let line = lines.first {
            let demo = try DemoAppointments(contentsOf: path, now: Date())
            Task {
                for error in await demo.book(with: reminder, line: line) {
                    FileHandle.standardError.write(Data("appointment-reminder: a demo appointment was not booked: \(error)\n".utf8))
                }
            }
        }
    }
    await BotHost.runOrExit(reminder.bot, configuration: host)
} catch {
    FileHandle.standardError.write(Data("appointment-reminder: \(error)\n".utf8))
    exit(1)
}
