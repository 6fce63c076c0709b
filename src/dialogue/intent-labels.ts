/**
 * How intents are offered back to a customer in clarifying questions. Each label is also the text sent when the
 * quick reply is clicked, so it is phrased as a customer would ask it (and classifies back to its intent).
 */
const LABELS: Record<string, string> = {
  track_order: 'Where is my order?',
  cancel_order: 'Cancel my order',
  change_order: 'Change my order',
  change_shipping_address: 'Change my delivery address',
  delivery_options: 'What delivery options do you have?',
  delivery_time: 'How long does delivery take?',
  return_policy: 'What is your return policy?',
  start_return: 'Return an item',
  refund_status: 'Where is my refund?',
  get_refund: 'I want a refund',
  payment_methods: 'Which payment methods do you accept?',
  payment_problem: 'My payment failed',
  invoice: 'I need an invoice',
  create_account: 'How do I create an account?',
  delete_account: 'Delete my account',
  edit_account: 'Update my account details',
  forgot_password: 'I forgot my password',
  newsletter: 'Newsletter subscription',
  talk_to_human: 'Talk to a person',
  complaint: 'I want to make a complaint',
  product_information: 'Tell me about a product',
  product_availability: 'Is a product in stock?',
  product_recommendation: 'Recommend me something',
  discounts_coupons: 'Do you have discount codes?',
  store_hours_contact: 'How can I contact you?',
  warranty: 'Warranty question',
  greeting: 'Hello',
  goodbye: 'Goodbye',
  thanks: 'Thanks',
};

export function intentLabel(intent: string): string {
  return LABELS[intent] ?? intent.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** Intents worth suggesting when the bot is unsure (small talk is never a useful suggestion). */
export function isSuggestible(intent: string): boolean {
  return !['greeting', 'goodbye', 'thanks'].includes(intent);
}

const BY_LABEL = new Map(Object.entries(LABELS).map(([intent, label]) => [label.toLowerCase(), intent]));

/**
 * A clicked quick reply sends its label back as text; mapping it straight to its intent makes a click always do
 * what its label says, whatever the classifier would make of the words.
 */
export function intentForLabel(text: string): string | undefined {
  return BY_LABEL.get(text.trim().toLowerCase());
}
