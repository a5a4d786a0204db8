// Order matters: the namespace is set before the elements register.
import "./script-namespace";
import "@frontdesk/widget-booking";
import "@frontdesk/widget-booking-manage";
