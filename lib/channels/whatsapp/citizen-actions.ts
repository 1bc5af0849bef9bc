export { addCitizenMessage, replyToInformationRequest, type CitizenActionResult } from '@/lib/demands/citizen-actions';
