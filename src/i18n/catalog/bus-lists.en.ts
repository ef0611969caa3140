/** English words of the lists that go bus by bus: the manifest, the boarding list and page, My day's buses. */
export const busListsEn = {
  "busLists.bus": "Bus {label}",
  "busLists.column": "Bus",
  "busLists.extras": "Extras",
  "busLists.buses": "Buses",
  "busLists.extrasLine": "Extras: {list}",
  "busLists.bookingExtrasLine": "For the whole booking: {list}",
  "busLists.busCounts": "{boarded} of {booked} boarded · {expected} expected",
  "busLists.otherBus": "Voucher {ref} is on another bus: {bus}.",
  "busLists.openBus": "Open the list of {bus}",
};
